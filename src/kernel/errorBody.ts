/**
 * The API's error body, `{code, message, details?, inner_error?}`, as a plain type. It lives
 * apart from the zod schema that parses it (./api) because the error classes are public: their
 * declarations must not reach zod's, which need compiler settings users may not have.
 */
export interface ApiErrorDetail {
  code?: string;
  message?: string;
}

export interface ApiErrorBody {
  code?: string;
  message?: string;
  details?: ApiErrorDetail[] | null;
  inner_error?: ApiErrorDetail | null;
}
