package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// userActionableExit is the exit code @pulumi/pulumi/cmd/run uses when it has already reported the
// program's failure to the engine: the engine should stop without printing another message.
const userActionableExit = 32

// languageHost serves the LanguageRuntime methods a `pulumi preview/up/refresh/destroy` of a
// Node.js program needs. The methods left to the embedded Unimplemented server (code generation,
// `pulumi new`, `pulumi install`, packing, linking) answer codes.Unimplemented.
type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	version       string
}

// Handshake is only sent when the engine attaches to a running host (PULUMI_DEBUG_LANGUAGES);
// a launched host learns the engine's address from its argument.
func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: h.version}, nil
}

// GetRequiredPackages reports no packages: the engine then loads each provider when the program
// first registers a resource of it. A dynamic provider (pulumi-nodejs) sits beside this host, and
// plugin acquisition is off in the project's offline settings, so there is nothing to install.
func (h *languageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages; same answer.
func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// Run starts node on the program's own @pulumi/pulumi/cmd/run and waits for it. The program's
// output goes straight to this host's stdout and stderr, which the engine shows as the program's
// diagnostics. A failing program is reported in the response, not as an RPC error.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	runner, err := findRunner(dir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	command, err := buildNodeCommand(req, runner, h.engineAddress)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "cannot find node on PATH: " + err.Error()}, nil
	}

	cmd := exec.CommandContext(ctx, node, command.Args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(os.Environ(), command.Env...)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == userActionableExit:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode()),
		}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program did not finish: %v", err)}, nil
	}
}

// About feeds `pulumi about` and the metadata of an update: which node runs the program.
func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("cannot find node on PATH: %w", err)
	}
	version, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", node, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(version)), "v"),
	}, nil
}

// GetProgramDependencies lists nothing: `pulumi about` then shows no package list.
func (h *languageHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// Cancel needs no work: the engine's cancellation of Run's context stops node.
func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
