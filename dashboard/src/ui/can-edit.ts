/**
 * Whether the signed-in person may change settings. The one call point the settings screens use:
 * members see settings read-only (the API refuses their writes anyway); owners and admins edit.
 * Until the shell knows the person's role (cookie sessions), a secret key is a full credential.
 */
export function useCanEdit(): boolean {
  return true;
}
