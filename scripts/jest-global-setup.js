// Host and serialization suites load `pulumi-kernel/provider` by name from this checkout.
module.exports = async () => require("./link-self")();
