/* global document -- a content script runs in the page, whose document is a global. */
// Marks the page, so an agent (or a test) driving the browser can see that the extension ran.
document.documentElement.dataset.pulumiKernelExample = "1";
