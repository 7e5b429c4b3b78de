package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

func request(options map[string]any) *pulumirpc.RunRequest {
	opts, err := structpb.NewStruct(options)
	if err != nil {
		panic(err)
	}
	return &pulumirpc.RunRequest{
		Project:          "proj",
		Stack:            "dev",
		Pwd:              "/p",
		MonitorAddress:   "127.0.0.1:1",
		Config:           map[string]string{"kernel:apiKey": "k", "proj:name": "n"},
		ConfigSecretKeys: []string{"proj:name", "kernel:apiKey"},
		DryRun:           true,
		Parallel:         16,
		Organization:     "org",
		Args:             []string{"extra"},
		Info: &pulumirpc.ProgramInfo{
			RootDirectory:    "/p",
			ProgramDirectory: "/p",
			EntryPoint:       "examples/index.ts",
			Options:          opts,
		},
	}
}

func TestBuildNodeCommandPassesTheEngineSettingsToTheRunner(t *testing.T) {
	cmd, err := buildNodeCommand(request(nil), "/p/node_modules/run/index.js", "127.0.0.1:2")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/p/node_modules/run/index.js", "--monitor=127.0.0.1:1", "--engine=127.0.0.1:2",
		"--project=proj", "--stack=dev", "--organization=org", "--root-directory=/p", "--pwd=/p",
		"--dry-run", "--parallel=16", "examples/index.ts", "extra",
	}
	if !reflect.DeepEqual(cmd.Args, want) {
		t.Fatalf("args\n got %q\nwant %q", cmd.Args, want)
	}
	wantEnv := []string{
		`PULUMI_CONFIG={"kernel:apiKey":"k","proj:name":"n"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["kernel:apiKey","proj:name"]`,
		"PULUMI_NODEJS_TYPESCRIPT=true",
	}
	if !reflect.DeepEqual(cmd.Env, wantEnv) {
		t.Fatalf("env\n got %q\nwant %q", cmd.Env, wantEnv)
	}
}

func TestBuildNodeCommandLeavesOutWhatTheEngineDidNotSet(t *testing.T) {
	req := &pulumirpc.RunRequest{MonitorAddress: "127.0.0.1:1", Pwd: "/p"}
	cmd, err := buildNodeCommand(req, "run.js", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"run.js", "--monitor=127.0.0.1:1", "--pwd=/p", "."}
	if !reflect.DeepEqual(cmd.Args, want) {
		t.Fatalf("args\n got %q\nwant %q", cmd.Args, want)
	}
	if cmd.Env[0] != "PULUMI_CONFIG={}" || cmd.Env[1] != "PULUMI_CONFIG_SECRET_KEYS=[]" {
		t.Fatalf("env %q", cmd.Env)
	}
}

func TestRuntimeOptions(t *testing.T) {
	cmd, err := buildNodeCommand(request(map[string]any{
		"typescript": false, "tsconfig": "tsconfig.pulumi.json", "nodeargs": "--inspect  --max-old-space-size=4096",
		"packagemanager": "npm",
	}), "run.js", "")
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Args[0] != "--inspect" || cmd.Args[1] != "--max-old-space-size=4096" || cmd.Args[2] != "run.js" {
		t.Fatalf("node arguments must precede the runner: %q", cmd.Args)
	}
	env := strings.Join(cmd.Env, "\n")
	if !strings.Contains(env, "PULUMI_NODEJS_TYPESCRIPT=false") ||
		!strings.Contains(env, "PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.pulumi.json") {
		t.Fatalf("env %q", cmd.Env)
	}

	for _, bad := range []map[string]any{{"typescript": "yes"}, {"nodeVersion": "20"}, {"tsconfig": 1.0}} {
		if _, err := buildNodeCommand(request(bad), "run.js", ""); err == nil {
			t.Fatalf("options %v: expected an error", bad)
		}
	}
	if _, err := buildNodeCommand(&pulumirpc.RunRequest{}, "run.js", ""); err == nil {
		t.Fatal("a request without a monitor address must fail")
	}
}

func TestFindRunnerWalksUpToTheNearestNodeModules(t *testing.T) {
	root := t.TempDir()
	runner := filepath.Join(root, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")
	if err := os.MkdirAll(filepath.Dir(runner), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(runner, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	program := filepath.Join(root, "examples", "nested")
	if err := os.MkdirAll(program, 0o755); err != nil {
		t.Fatal(err)
	}
	found, err := findRunner(program)
	if err != nil || found != runner {
		t.Fatalf("found %q, %v; want %q", found, err, runner)
	}
	if _, err := findRunner(t.TempDir()); err == nil || !strings.Contains(err.Error(), "npm install") {
		t.Fatalf("want an error that says to install, got %v", err)
	}
}
