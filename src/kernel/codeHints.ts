/**
 * What a user needs to hear for each error code the API documents (KERNEL-API.md), beside the
 * API's own message. `bad_request` and unknown codes get none here: a 400's hint names the
 * inputs at fault (the resource's `badRequestHint`), and 401/403 without a known code get the
 * key hint. `rate_limited` gets none here: the client retries it, and when it stops, its own
 * message says why (the budget, the Retry-After asked) and which setting bounds the wait.
 * Resources add what one more read can tell (the plan's limits, who holds a proxy).
 */

/**
 * The hint for an error code; undefined when the code needs none of its own. A create's
 * `not_found` is about something the body refers to, not the object itself.
 */
export function hintForCode(code: string | undefined, method?: string): string | undefined {
  if (code === undefined) return undefined;
  if (code === "not_found" && method === "POST") return REFERENCE_NOT_FOUND_HINT;
  if (Object.hasOwn(CODE_HINTS, code)) return CODE_HINTS[code];
  // Conflicts come under several codes (`conflict`, `..._conflict`, `already_exists`).
  if (/conflict|already_exists/.test(code)) return CONFLICT_HINT;
  return undefined;
}

const PROJECT_SETTINGS =
  "the resource's project input, kernel:project, KERNEL_PROJECT or KERNEL_PROJECT_ID";

const REFERENCE_NOT_FOUND_HINT =
  "Something the create refers to does not exist in the project (a credential, a credential " +
  "provider, a proxy, a profile?): create it first, or fix the reference";

const CONFLICT_HINT =
  "Kernel refused it as a conflict with what exists now: run `pulumi refresh` to see the " +
  "current state, then `pulumi up` again";

const CODE_HINTS: Readonly<Record<string, string>> = {
  not_found:
    "The object is gone from Kernel (deleted outside this stack?): run `pulumi refresh`, and " +
    "`pulumi up` creates it again",
  project_not_found:
    `The project is not in this API key's organisation: check ${PROJECT_SETTINGS} (a project ` +
    "id, or its exact name); `npx pulumi-kernel doctor` shows which project the settings reach",
  projects_disabled:
    `This organisation has no projects: remove ${PROJECT_SETTINGS}, and objects go to the ` +
    "organisation's default",
  resource_in_use:
    "Something still uses it: point what uses it elsewhere or delete that first, then run " +
    "`pulumi up` again",
  cannot_delete_current_key:
    "An API key cannot delete itself: delete it with another key, or from the dashboard",
  insufficient_plan:
    "Your Kernel plan does not allow this; `npx pulumi-kernel doctor` shows the plan's limits",
  project_not_empty: "The project still holds objects: delete or move them first",
  last_active_project:
    "It is the organisation's last active project, which cannot be deleted or archived",
};
