import { describe, expect, it } from "vitest";
import { ApiClientError } from "./api-client";
import { placeFailure } from "./api-form";

const FIELDS = ["datasetId", "fewShot", "hyperparameters.epochs"] as const;

describe("placeFailure", () => {
  it("puts a 422's issues under the fields they name and the rest in the form's error", () => {
    const error = new ApiClientError(422, "invalid_request", "The request breaks the API's rules: see issues.", [
      { field: "hyperparameters.epochs", message: "too many epochs for this dataset" },
      { field: "hyperparameters.epochs", message: "a second message for the same field" },
      { field: "somethingElse", message: "not placed" },
      { message: "no field at all" },
    ]);
    const failure = placeFailure(error, FIELDS);
    expect(failure.byField).toEqual({ "hyperparameters.epochs": "too many epochs for this dataset" });
    expect(failure.formError).toBe("The request breaks the API's rules: see issues. somethingElse: not placed no field at all");
    expect(failure.unplaced).toHaveLength(2);
    expect(failure.status).toBe(422);
  });

  it("places an error code on its field, with no form error when nothing else is left", () => {
    const error = new ApiClientError(422, "not_enough_examples", "Few-shot needs 16 examples");
    const failure = placeFailure(error, FIELDS, { not_enough_examples: "fewShot" });
    expect(failure.byField).toEqual({ fewShot: "Few-shot needs 16 examples" });
    expect(failure.formError).toBeNull();
  });

  it("never places an issue about a file's row on a form field", () => {
    const error = new ApiClientError(422, "invalid_rows", "Nothing was stored", [{ row: 2, field: "datasetId", message: "row problem" }]);
    const failure = placeFailure(error, FIELDS);
    expect(failure.byField).toEqual({});
    expect(failure.unplaced).toEqual([{ row: 2, field: "datasetId", message: "row problem" }]);
  });

  it("shows any other error's message as the form's error", () => {
    expect(placeFailure(new Error("boom"), FIELDS)).toMatchObject({ byField: {}, formError: "boom", status: 0 });
  });
});
