/**
 * The one wire type the client itself reads: the API's error body. Each resource's own wire
 * types are in its folder (`src/<resource>/api.ts`). Parsed leniently: unknown fields are
 * kept (`looseObject`), so a richer error body never breaks an error message.
 */
import { z } from "zod";
import type { ApiErrorBody } from "./errorBody";

export const apiErrorBodySchema: z.ZodType<ApiErrorBody> = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  details: z
    .array(z.looseObject({ code: z.string().optional(), message: z.string().optional() }))
    .nullish(),
  inner_error: z
    .looseObject({ code: z.string().optional(), message: z.string().optional() })
    .nullish(),
});

export type { ApiErrorBody };
