/** The words of the API's paths that are not ids (`/org/projects/{id}/limits`). */
const PATH_WORDS = new Set(["org", "projects", "limits", "telemetry", "destinations"]);

/** A request as `METHOD /path`, each object's id (or name) written `{id}`. */
export function requestLine(request: { method: string; path: string }): string {
  const parts = request.path
    .split("/")
    .map((part, i) => (i > 1 && !PATH_WORDS.has(part) ? "{id}" : part));
  return `${request.method} ${parts.join("/")}`;
}
