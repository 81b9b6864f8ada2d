// Command infocentre is the Infocentre platform: the importer and exporter
// CLI and the web server. Each subcommand lives in its own file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const defaultDB = "./data/infocentre.duckdb"

// errUsage marks a command line that could not be understood.
var errUsage = errors.New("usage")

// exitError carries a non-zero exit status without an extra message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	var exit exitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		os.Exit(exit.code)
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "infocentre:", err)
		os.Exit(1)
	}
}

// env gives what a command reads from outside its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	logger         *slog.Logger
	p              *locale.Printer // the language of what the commands print
	lang           string          // --lang as given ("" when absent); indicator set-definition reads it
}

// command is a subcommand; summary is the locale key of its line in
// `infocentre help`.
type command struct {
	name, summary string
	run           func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"import", "cli.command.import", runImport},
		{"export", "cli.command.export", runExport},
		{"template", "cli.command.template", runTemplate},
		{"report", "cli.command.report", runReport},
		{"serve", "cli.command.serve", runServe},
		{"register", "cli.command.register", runRegister},
		{"terms", "cli.command.terms", runTerms},
		{"fair", "cli.command.fair", runFair},
		{"user", "cli.command.user", runUser},
		{"token", "cli.command.token", runToken},
		{"org", "cli.command.org", runOrg},
		{"indicator", "cli.command.indicator", runIndicator},
		{"round", "cli.command.round", runRound},
		{"restore", "cli.command.restore", runRestore},
		{"verify", "cli.command.verify", runVerify},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	args, lang := langArg(args)
	e := env{stdin: stdin, stdout: stdout, stderr: stderr, logger: slog.New(slog.NewTextHandler(stderr, nil)), p: locale.NewPrinter(cliLanguage(lang)), lang: lang}
	if len(args) == 0 || isHelp(args[0]) || args[0] == "help" {
		usage(stderr, e.p)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			if errors.Is(err, flag.ErrHelp) {
				return nil // the usage asked for with -h is printed
			}
			return printError(stderr, e.p, err)
		}
	}
	fmt.Fprintln(stderr, e.p.T("cli.error", e.p.T("cli.unknown_command", args[0])))
	usage(stderr, e.p)
	return errUsage
}

// printError prints the message of a domain error, of a file-system error
// (domain.ErrorText) or of the server's answer (--server), in the CLI's language and turns it into exit
// status 1; other errors go back to main, which prints them as they are.
func printError(w io.Writer, pr *locale.Printer, err error) error {
	if msg, ok := remoteError(err); ok {
		fmt.Fprintln(w, pr.T("cli.error", msg))
		return exitError{1}
	}
	var de *domain.Error
	if !errors.As(err, &de) && !domain.IsFileError(err) {
		return err
	}
	fmt.Fprintln(w, pr.T("cli.error", domain.ErrorText(err, pr)))
	return exitError{1}
}

// usage is `infocentre help`, in the CLI's language.
func usage(w io.Writer, p *locale.Printer) {
	fmt.Fprintln(w, p.T("cli.help.header", version))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, p.T(c.summary))
	}
	fmt.Fprintln(w, p.T("cli.help.footer", defaultDB))
}

// langArg takes --lang L (or --lang=L, -lang) out of args, wherever it
// stands, so that every command accepts it.
func langArg(args []string) ([]string, string) {
	out := make([]string, 0, len(args))
	lang := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			out = append(out, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			out = append(out, a)
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		lang = value
	}
	return out, lang
}

// cliLanguage is the language of the CLI: --lang, else the POSIX locale
// (LC_ALL, LC_MESSAGES, LANG: nl_BE.UTF-8, fr_BE), else English.
func cliLanguage(flagLang string) string {
	if flagLang != "" {
		return locale.Match(flagLang)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return locale.Match(s)
		}
	}
	return locale.Default
}

// dbFlag declares --db with its environment default.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("INFOCENTRE_DB")
	if def == "" {
		def = defaultDB
	}
	return fs.String("db", def, "cli.flag.db")
}

// openStore opens the database, creating its folder if needed.
func openStore(ctx context.Context, path string) (*store.Store, error) {
	ref, err := reference.Load()
	if err != nil {
		return nil, err
	}
	if i := strings.LastIndexAny(path, `/\`); i > 0 {
		if err := os.MkdirAll(path[:i], 0o750); err != nil {
			return nil, fmt.Errorf("create folder for %s: %w", path, err)
		}
	}
	st, err := store.Open(ctx, path, ref)
	if store.IsLocked(err) {
		return nil, domain.Errorf(domain.ECONFLICT, keyDBInUse, path)
	}
	return st, err
}

// browserDir is the PDF printer's browser profile: in the store's
// temporary directory, which the next start empties when a killed server
// leaves a profile there.
func browserDir(st *store.Store) string {
	return filepath.Join(st.TempDir(), "chromium")
}

// keyDBInUse says that another process (a running `infocentre serve`)
// holds the database.
const keyDBInUse = "error.cli.db_in_use"

// dbInUse reports whether err is opening a database another process holds.
func dbInUse(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Key == keyDBInUse
}

// listFlag collects a repeatable flag; each value may also be a comma list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// orgCode checks an --org value against the catalogue and returns its code
// in upper case; an empty value stays empty.
func orgCode(st *store.Store, org string) (string, error) {
	if org == "" {
		return "", nil
	}
	code := strings.ToUpper(org)
	if _, ok := st.Reference().Organisation(code); !ok {
		return "", domain.Errorf(domain.EINVALID, "error.cli.org_unknown", org)
	}
	return code, nil
}

// submissionStatus is what the CLI records: approved at once, as the
// operator, unless --submit-only asks for review.
func submissionStatus(submitOnly bool) string {
	if submitOnly {
		return domain.StatusSubmitted
	}
	return domain.StatusApproved
}
