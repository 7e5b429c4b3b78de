/**
 * Limits of the Kernel API that both the provider (checked before any request) and the emulator
 * (enforced on requests) follow, so the two cannot disagree.
 */

/**
 * The largest extension archive `POST /extensions` takes: 50 MiB. No SDK states a limit (the
 * types and docstrings of kernel 0.131.0 name none); Kernel's own CLI (`MaxExtensionSizeBytes`)
 * and Terraform provider (`maxExtensionArchiveBytes`) both refuse a larger archive before
 * uploading it, so this package does the same.
 */
export const MAX_EXTENSION_ARCHIVE_BYTES = 50 * 1024 * 1024;
