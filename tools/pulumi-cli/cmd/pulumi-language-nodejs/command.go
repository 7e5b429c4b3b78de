package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// runnerModule is the entry point @pulumi/pulumi ships for running a program under an engine: it
// parses the flags built below, registers ts-node when PULUMI_NODEJS_TYPESCRIPT is "true", and
// connects to the resource monitor.
const runnerModule = "@pulumi/pulumi/cmd/run"

// nodeCommand is what Run starts: node's arguments and the variables added to the environment.
type nodeCommand struct {
	Args []string
	Env  []string
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml that change how the program starts.
type runtimeOptions struct {
	TypeScript bool     // `typescript`, true unless set to false
	TsConfig   string   // `tsconfig`, a path relative to the program directory
	NodeArgs   []string // `nodeargs`, extra arguments for node, split on spaces
}

func parseRuntimeOptions(options *structpb.Struct) (runtimeOptions, error) {
	parsed := runtimeOptions{TypeScript: true}
	for name, value := range options.GetFields() {
		switch name {
		case "typescript":
			flag, ok := value.GetKind().(*structpb.Value_BoolValue)
			if !ok {
				return parsed, fmt.Errorf("runtime option typescript must be a boolean")
			}
			parsed.TypeScript = flag.BoolValue
		case "tsconfig":
			text, ok := value.GetKind().(*structpb.Value_StringValue)
			if !ok {
				return parsed, fmt.Errorf("runtime option tsconfig must be a string")
			}
			parsed.TsConfig = text.StringValue
		case "nodeargs":
			text, ok := value.GetKind().(*structpb.Value_StringValue)
			if !ok {
				return parsed, fmt.Errorf("runtime option nodeargs must be a string")
			}
			parsed.NodeArgs = strings.Fields(text.StringValue)
		case "nodeVersion":
			// Installing a Node.js release needs a download; this host runs the `node` on PATH.
			return parsed, errors.New("runtime option nodeVersion is not supported by this language host: " +
				"it runs the node on PATH")
		default:
			// packagemanager and other options matter to `pulumi install` and `pulumi new`, which
			// this host does not implement; running a program does not depend on them.
		}
	}
	return parsed, nil
}

// buildNodeCommand turns the engine's Run request into node's command line and environment. runner
// is the resolved path of @pulumi/pulumi/cmd/run; engineAddress is the engine's gRPC address,
// given to this host as its only positional argument.
func buildNodeCommand(req *pulumirpc.RunRequest, runner, engineAddress string) (nodeCommand, error) {
	options, err := parseRuntimeOptions(req.GetInfo().GetOptions())
	if err != nil {
		return nodeCommand{}, err
	}
	if req.GetMonitorAddress() == "" {
		return nodeCommand{}, errors.New("the Run request carries no monitor address")
	}

	args := append([]string{}, options.NodeArgs...)
	args = append(args, runner, "--monitor="+req.GetMonitorAddress())
	if engineAddress != "" {
		args = append(args, "--engine="+engineAddress)
	}
	if req.GetProject() != "" {
		args = append(args, "--project="+req.GetProject())
	}
	if req.GetStack() != "" {
		args = append(args, "--stack="+req.GetStack())
	}
	if req.GetOrganization() != "" {
		args = append(args, "--organization="+req.GetOrganization())
	}
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		args = append(args, "--root-directory="+root)
	}
	if req.GetPwd() != "" {
		args = append(args, "--pwd="+req.GetPwd())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		args = append(args, "--parallel="+strconv.Itoa(int(req.GetParallel())))
	}
	// The runner stops reading flags at the first positional argument: the program, then its own
	// arguments. "." tells the runner to take the entry point from package.json.
	program := req.GetInfo().GetEntryPoint()
	if program == "" {
		program = req.GetProgram() //nolint:staticcheck // engines before ProgramInfo send only this
	}
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(nonNilMap(req.GetConfig()))
	if err != nil {
		return nodeCommand{}, err
	}
	secretKeys := append([]string{}, req.GetConfigSecretKeys()...)
	sort.Strings(secretKeys)
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nodeCommand{}, err
	}
	env := []string{
		"PULUMI_CONFIG=" + string(config),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON),
		"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(options.TypeScript),
	}
	if options.TsConfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+options.TsConfig)
	}
	return nodeCommand{Args: args, Env: env}, nil
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// findRunner resolves @pulumi/pulumi/cmd/run as node's require would from dir: the nearest
// node_modules folder, walking up, that holds it. The program's own @pulumi/pulumi must run it,
// because the resources it registers must come from the same copy of the SDK.
func findRunner(dir string) (string, error) {
	start := dir
	for {
		candidate := filepath.Join(dir, "node_modules", filepath.FromSlash(runnerModule), "index.js")
		if info, err := os.Stat(candidate); err == nil && !info.IsDir() {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("cannot find %s from %s: run `npm install` in the program's directory",
				runnerModule, start)
		}
		dir = parent
	}
}
