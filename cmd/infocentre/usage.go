package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/store"
)

// The usage of every command is in the CLI's language: a flag set is made
// with newFlagSet and the locale key of its synopsis, and each flag's usage
// string is the locale key of its description (fs.String("org", "",
// "cli.flag.import.org")). -h prints the synopsis and every flag with its
// description and default.

// newFlagSet returns a flag set whose -h prints, to e.stderr and in the
// CLI's language, the text of synopsis (a locale key) and the flags.
func newFlagSet(name string, e env, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("infocentre "+name, flag.ContinueOnError)
	// The flag package's own messages are English: parseFlags says them
	// again in the CLI's language.
	fs.SetOutput(io.Discard)
	fs.Usage = func() { printUsage(e.stderr, e.p, fs, synopsis) }
	return fs
}

// printUsage prints the synopsis, then every flag of fs with its
// translated description and its default when it has one.
func printUsage(w io.Writer, p *locale.Printer, fs *flag.FlagSet, synopsis string) {
	fmt.Fprintln(w, p.T("cli.usage", p.T(synopsis)))
	fmt.Fprintln(w)
	fmt.Fprintln(w, p.T("cli.usage.flags"))
	fs.VisitAll(func(f *flag.Flag) {
		line := "  --" + f.Name
		if !isBool(f) {
			line += " " + p.T("cli.usage.value")
		}
		fmt.Fprintln(w, line)
		desc := p.T(f.Usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			desc += " " + p.T("cli.usage.default", f.DefValue)
		}
		fmt.Fprintln(w, "        "+strings.ReplaceAll(desc, "\n", "\n        "))
	})
	fmt.Fprintln(w, "  --lang nl|fr|en")
	fmt.Fprintln(w, "        "+p.T("cli.usage.lang"))
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// isHelp reports whether a asks for the usage.
func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// The errors of the flag package, to say them again in the CLI's language.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	flagNoValue   = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	flagInvalid   = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for flag -+([^:]+): `)
)

// parseFlags parses args. -h prints the usage and gives flag.ErrHelp, which
// run turns into success; a bad command line is said in the CLI's language,
// followed by the usage, and gives errUsage.
func parseFlags(fs *flag.FlagSet, e env, args []string) error {
	// Parse calls Usage on -h and on errors; it is called here instead,
	// after the message.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		usage()
		return flag.ErrHelp
	}
	msg := err.Error()
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		msg = e.p.T("cli.usage.undefined", "--"+m[1])
	} else if m := flagNoValue.FindStringSubmatch(msg); m != nil {
		msg = e.p.T("cli.usage.no_value", "--"+m[1])
	} else if m := flagInvalid.FindStringSubmatch(msg); m != nil {
		msg = e.p.T("cli.usage.invalid", "--"+m[2], m[1])
	}
	fmt.Fprintln(e.stderr, e.p.T("cli.error", msg))
	usage()
	return errUsage
}

// parseAction takes a command's action, the first argument, which must be
// one of actions, and parses the flags after it. -h instead of the action
// prints the usage.
func parseAction(fs *flag.FlagSet, e env, args []string, actions ...string) (string, error) {
	switch {
	case len(args) > 0 && isHelp(args[0]):
		fs.Usage()
		return "", flag.ErrHelp
	case len(args) == 0 || !slices.Contains(actions, args[0]):
		fs.Usage()
		return "", errUsage
	}
	return args[0], parseFlags(fs, e, args[1:])
}

// openAction is parseAction for a command that works on the database named
// by db (its --db): it opens it after the flags. The caller closes it.
func openAction(ctx context.Context, fs *flag.FlagSet, e env, db *string, args []string, actions ...string) (string, *store.Store, error) {
	action, err := parseAction(fs, e, args, actions...)
	if err != nil {
		return "", nil, err
	}
	st, err := openStore(ctx, *db)
	return action, st, err
}
