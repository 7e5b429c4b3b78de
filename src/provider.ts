/**
 * `pulumi-kernel/provider`: what the `__provider` text in state loads. Temporary: the
 * AuthConnection provider's methods at top level, as old states expect; the integrator adds
 * one named provider object per other resource.
 */
export * from "./authConnection/provider";
