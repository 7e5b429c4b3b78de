//go:build tools

// Package tools pins the Pulumi CLI release that `npm run pulumi:cli` builds: the build runs
// `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` inside this module, so go.mod and go.sum
// decide every dependency's version.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
