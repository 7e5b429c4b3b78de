/**
 * The hint a 400 gets, in the program's words: the inputs whose API field names occur in the
 * API's message and details ("Check the Credential inputs name, domain"), or the resource's
 * inputs in general when none is named.
 */

/** The inputs of `apiFields` (input name → API field name) whose API field occurs in `text`. */
export function inputsNamedIn(text: string, apiFields: Readonly<Record<string, string>>): string[] {
  return Object.entries(apiFields)
    .filter(([, field]) => new RegExp(`\\b${field}\\b`).test(text))
    .map(([input]) => input);
}

/** "Check the <Type> input(s) a, b", each input once, in order; "Check the <Type>'s inputs". */
export function checkInputsHint(typeName: string, inputs: readonly string[]): string {
  const named = [...new Set(inputs)];
  return named.length
    ? `Check the ${typeName} input${named.length > 1 ? "s" : ""} ${named.join(", ")}`
    : `Check the ${typeName}'s inputs`;
}
