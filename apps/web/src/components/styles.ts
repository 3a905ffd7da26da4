// Class names shared by the dashboard's forms, so a button or a text box looks the same on every page.
export const PRIMARY_BUTTON =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";
export const TEXT_INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
/** A tab of a segmented tab list (a list's filters). */
export const tabClass = (isSelected: boolean) =>
  `rounded px-2.5 py-1 text-xs font-medium ${isSelected ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`;
