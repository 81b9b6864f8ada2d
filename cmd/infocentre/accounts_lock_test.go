package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// holdDBEnv names the database a child test process holds open, as a
// running `infocentre serve` does.
const holdDBEnv = "INFOCENTRE_TEST_HOLD_DB"

// TestHoldDatabase is not a test of its own: run as a child process by
// TestAccountCommandsWhileServing, it opens the database, says "ready" and
// keeps it open until its standard input closes.
func TestHoldDatabase(t *testing.T) {
	db := os.Getenv(holdDBEnv)
	if db == "" {
		t.Skip("only run as the child of TestAccountCommandsWhileServing")
	}
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	os.Stdout.WriteString("ready\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}

// Finding 6: DuckDB lets no second process open a database that the server
// holds, so the account commands say in one sentence what to do instead.
func TestAccountCommandsWhileServing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "served.duckdb")
	if out, code := runCLI(t, "user", "add", "--db", db, "--email", "agent@fin.be", "--role", "agency", "--org", "FIN"); code != 0 {
		t.Fatalf("user add: %d %s", code, out)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestHoldDatabase$", "-test.count=1")
	child.Env = append(os.Environ(), holdDBEnv+"="+db)
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		_ = child.Wait()
	}()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("the holding process did not open the database: %q %v", line, err)
	}
	const (
		tokensEN   = "infocentre: The database is in use by the running server (infocentre serve): give --server URL and a coordinator's --token (or INFOCENTRE_SERVER and INFOCENTRE_TOKEN) to create or revoke the token through it."
		accountsEN = "infocentre: The database is in use by the running server (infocentre serve): give --server URL and a coordinator's --token (or INFOCENTRE_SERVER and INFOCENTRE_TOKEN) to add the account through it."
		accountsNL = "infocentre: De databank is in gebruik door de draaiende server (infocentre serve): geef --server URL en het --token van een coördinator (of INFOCENTRE_SERVER en INFOCENTRE_TOKEN) om de account via die server aan te maken."
	)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"token", "create", "--lang", "en", "--db", db, "--email", "agent@fin.be"}, tokensEN},
		{[]string{"token", "revoke", "--lang", "en", "--db", db, "--email", "agent@fin.be", "--prefix", "ic_abcdefgh"}, tokensEN},
		{[]string{"user", "add", "--lang", "en", "--db", db, "--email", "new@fin.be", "--role", "analyst"}, accountsEN},
		{[]string{"user", "add", "--lang", "nl", "--db", db, "--email", "new@fin.be", "--role", "analyst"}, accountsNL},
		// Any other command says that the database is held, in its language,
		// and to do the work through the server.
		{[]string{"import", "--lang", "en", "--db", db, fixture("long_en.csv")}, "infocentre: the database " + db + " is in use by another process, such as a running infocentre serve: stop it, or give --server URL and a coordinator's --token to do this through the server"},
		{[]string{"org", "list", "--lang", "fr", "--db", db}, "infocentre\u00a0: la base de données " + db + " est utilisée par un autre processus, par exemple un infocentre serve en cours d’exécution\u00a0: arrêtez-le, ou indiquez --server URL et le --token d’un coordinateur pour passer par le serveur"},
	}
	for _, tt := range tests {
		out, code := runCLI(t, tt.args...)
		if code != 1 || strings.TrimSpace(out) != tt.want {
			t.Errorf("%v while the database is held: exit %d, output %q; want exit 1 and %q", tt.args[:2], code, out, tt.want)
		}
	}
}
