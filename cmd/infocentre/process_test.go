package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// asCLI makes the test binary run as the infocentre command, so that a test
// can start the real server (or importer) in a process of its own, measure
// it and kill it.
const asCLI = "INFOCENTRE_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if plainCLI.dir != "" {
		os.RemoveAll(plainCLI.dir)
	}
	os.Exit(code)
}

// plainCLI is the command built without the race detector, whose shadow
// memory multiplies what a process holds: a test that measures a process's
// memory runs what ships. Built once per test binary, when first needed.
var plainCLI struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// cliPath is the executable a test runs as the infocentre command: the test
// binary itself, or, when it carries the race detector, the plain build.
func cliPath(t *testing.T) string {
	t.Helper()
	if !raceDetector {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		return self
	}
	plainCLI.once.Do(func() {
		if plainCLI.dir, plainCLI.err = os.MkdirTemp("", "infocentre-plain-"); plainCLI.err != nil {
			return
		}
		plainCLI.path = filepath.Join(plainCLI.dir, "infocentre")
		out, err := exec.Command("go", "build", "-o", plainCLI.path, ".").CombinedOutput()
		if err != nil {
			plainCLI.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if plainCLI.err != nil {
		t.Fatalf("the command without the race detector: %v", plainCLI.err)
	}
	return plainCLI.path
}

// process is the infocentre command running in a child process.
type process struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs bytes.Buffer // its standard error
	addr chan string
}

var listening = regexp.MustCompile(`msg="web: listening" addr=(\S+)`)

// startCLI starts the command with args; its standard error is kept.
func startCLI(t *testing.T, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(cliPath(t), args...), addr: make(chan string, 1)}
	p.cmd.Env = append(os.Environ(), asCLI+"=1")
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	})
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.logs.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				p.addr <- "http://" + m[1]
			}
		}
	}()
	return p
}

// serve starts `infocentre serve` on a free port and returns its address.
func serve(t *testing.T, args ...string) (*process, string) {
	t.Helper()
	p := startCLI(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	select {
	case base := <-p.addr:
		return p, base
	case <-time.After(2 * time.Minute):
		t.Fatalf("the server did not start:\n%s", p.log())
	}
	return nil, ""
}

func (p *process) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// memory reads a field of /proc/PID/status (VmRSS, VmHWM) in bytes.
func (p *process) memory(t *testing.T, field string) int64 {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc status", field)
	return 0
}

// newToken adds an account and returns an API token for it.
func newToken(t *testing.T, db, email, role, org string) string {
	t.Helper()
	args := []string{"user", "add", "--db", db, "--email", email, "--role", role}
	if org != "" {
		args = append(args, "--org", org)
	}
	if out, code := runCLI(t, args...); code != 0 {
		t.Fatalf("user add: %s", out)
	}
	out, code := runCLI(t, "token", "create", "--db", db, "--email", email)
	if code != 0 {
		t.Fatalf("token create: %s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// upload posts a file as the multipart field "file" with a bearer token and
// returns the status and the body.
func upload(t *testing.T, url, token, name string, data []byte) (int, []byte) {
	t.Helper()
	body, contentType := multipartFile(t, name, data)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, answer
}
