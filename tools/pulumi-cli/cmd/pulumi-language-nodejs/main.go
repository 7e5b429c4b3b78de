// Command pulumi-language-nodejs is a Node.js language host for the Pulumi engine, written for
// this project: the Go module of Pulumi's own host is not served by the module proxy the project
// builds from. It runs a program the way `pulumi preview/up/refresh/destroy` need: it starts
// node on the program's @pulumi/pulumi/cmd/run with the engine's settings.
//
// The engine starts it with the engine's gRPC address as the last argument (flags such as
// -tracing may come first) and reads the port it listens on from the first line of its stdout.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is linked in by the build (-X main.version=...): the Pulumi release it is built beside.
var version = "3.276.0"

func main() {
	if err := serve(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func serve(arguments []string) error {
	flags := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	// Flags the engine may pass; tracing is not forwarded, the rest do not apply to this host.
	flags.String("tracing", "", "a Zipkin-compatible tracing endpoint (ignored)")
	flags.String("root", "", "the project root (ignored: Run carries it)")
	flags.Bool("typescript", true, "ignored: the typescript runtime option decides")
	flags.String("tsconfig", "", "ignored: the tsconfig runtime option decides")
	flags.String("nodeargs", "", "ignored: the nodeargs runtime option decides")
	flags.String("packagemanager", "", "ignored")
	if err := flags.Parse(arguments); err != nil {
		return err
	}
	engineAddress := ""
	if flags.NArg() > 0 {
		engineAddress = flags.Arg(flags.NArg() - 1)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Leave when the engine goes away, so a crashed CLI does not leave this process behind.
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 10*time.Second, cancel); err != nil {
			return fmt.Errorf("watching the engine at %s: %w", engineAddress, err)
		}
	}

	host := &languageHost{engineAddress: engineAddress, version: version}
	stop := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		return err
	}
	// The engine reads this line to learn where to connect.
	fmt.Println(handle.Port)

	select {
	case <-ctx.Done():
		close(stop)
		return nil
	case err := <-handle.Done:
		return err
	}
}
