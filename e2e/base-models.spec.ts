// Every base model has its own inference server, and jobs start from its defaults (issue 14): the
// Base models page lists the built-in models with their servers (the demo model's runs in e2e,
// SmolLM2's does not), and a new job on SmolLM2 starts from its preset, chat template and words.
import { expect, test } from "./fixtures";

test("the Base models page shows each model's server, and a new job starts from the model's defaults", async ({ page }) => {
  await page.goto("/base-models");
  await expect(page.getByRole("heading", { level: 1, name: "Base models" })).toBeVisible();
  const demo = page.locator('[data-testid="base-model-row"][data-base-model-id="demo-tiny-zh"]');
  const smollm2 = page.locator('[data-testid="base-model-row"][data-base-model-id="smollm2-135m-instruct"]');
  await expect(demo.getByTestId("base-model-server")).toContainText("serving");
  await expect(demo.getByTestId("base-model-server")).toContainText(process.env.INFERENCE_URL!);
  await expect(smollm2.getByTestId("base-model-server")).toContainText("down");
  await expect(smollm2.getByTestId("base-model-server")).toContainText(process.env.SMOLLM2_INFERENCE_URL!);
  await expect(smollm2).toContainText(/0 → negative, 1 → positive/i);
  await page.screenshot({ path: "e2e/artifacts/screenshots/base-models.png" });

  await smollm2.getByRole("link", { name: "New job" }).click();
  await expect(page.getByLabel("Base model")).toHaveValue("smollm2-135m-instruct");
  await expect(page.getByRole("group", { name: "Presets" }).getByRole("button", { pressed: true })).toContainText(/SmolLM2/);
  await expect(page.getByLabel("Prompt template")).toHaveValue(/<\|im_start\|>user/);
  await expect(page.getByLabel(/Label word for 1/)).toHaveValue(/^positive$/i);

  // Switching to the demo model takes its defaults instead.
  await page.getByLabel("Base model").selectOption("demo-tiny-zh");
  await expect(page.getByRole("button", { name: /Demo model on the CPU/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Prompt template")).toHaveValue(/\[INST\]/);
  await expect(page.getByLabel(/Label word for 1/)).toHaveValue("积极");
});
