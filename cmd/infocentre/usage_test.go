package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// usageEnglish are words of English sentences that must not appear in a
// usage printed in Dutch or French (flag names and values such as
// --dry-run or at_least are removed first: they are the same in every
// language).
var usageEnglish = []string{" the ", " and ", " with ", " or ", " to ", " from ", " when ", " without ", "usage", "default",
	"required", "database", "options:", " file ", " year ", "language", "record "}

// flagName is a flag as a usage mentions it: --name.
var flagName = regexp.MustCompile(`--[a-z][a-z-]*`)

// commandFlags are the flags each command's -h must mention.
var commandFlags = map[string][]string{
	"import":    {"db", "org", "year", "dry-run", "submit-only", "source", "max-bytes", "lang"},
	"export":    {"db", "format", "out", "layout", "year", "org", "indicator", "lang"},
	"template":  {"db", "org", "year", "prefill", "out", "lang"},
	"report":    {"db", "year", "group", "org", "all-orgs", "format", "out", "chromium", "lang"},
	"serve":     {"db", "addr", "demo", "max-upload-bytes", "secure-cookies", "memory-limit", "smtp-url", "mail-from", "base-url", "chromium", "open-data-dir", "backup-dir", "backup-every", "backup-keep", "metrics-addr", "trusted-proxy", "oidc-issuer", "oidc-client-id", "oidc-client-secret-file", "password-login", "lang"},
	"restore":   {"from", "db", "force", "lang"},
	"verify":    {"db", "lang"},
	"register":  {"db", "org", "dry-run", "submit-only", "source", "memory-limit", "lang"},
	"terms":     {"db", "org", "ack-days", "answer-days", "working-days", "lang"},
	"fair":      {"db", "small-n", "volume-medium", "volume-large", "received-medium", "received-large", "rate", "year", "direction", "value", "margin", "delete", "org", "unit", "lang"},
	"user":      {"db", "email", "role", "org", "lang"},
	"token":     {"db", "email", "prefix", "lang"},
	"org":       {"db", "code", "name-nl", "name-fr", "name-en", "abbrev", "group", "group-from", "from", "kind", "second-line", "year", "successor", "lang"},
	"indicator": {"db", "code", "from", "text", "lang"},
	"round":     {"db", "year", "deadline", "message-nl", "message-fr", "org", "require-explanations", "change-threshold", "lang"},
}

// TestUsageInDutchAndFrench: `infocentre help` and `infocentre <command> -h`
// in Dutch (LANG) and French (--lang) hold no English sentence, and each
// command's usage mentions every one of its flags.
func TestUsageInDutchAndFrench(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	for _, lang := range []struct {
		name, env string
		args      []string
		want      string // a word of the language's usage
	}{
		{"nl by LANG", "nl_BE.UTF-8", nil, "Gebruik:"},
		{"fr by --lang", "en_GB.UTF-8", []string{"--lang", "fr"}, "Utilisation\u00a0:"},
	} {
		t.Run(lang.name, func(t *testing.T) {
			t.Setenv("LANG", lang.env)
			out, code := runCLI(t, append([]string{"help"}, lang.args...)...)
			if code != 0 || !strings.Contains(out, lang.want) {
				t.Errorf("help: exit %d, want 0 with %q:\n%s", code, lang.want, out)
			}
			checkUsageLanguage(t, "help", out)
			for _, c := range commands() {
				if !strings.Contains(out, "  "+c.name+" ") {
					t.Errorf("help does not list %s:\n%s", c.name, out)
				}
				want, ok := commandFlags[c.name]
				if !ok {
					t.Errorf("command %s: say in commandFlags which flags its usage mentions", c.name)
				}
				out, code := runCLI(t, append([]string{c.name, "-h"}, lang.args...)...)
				if code != 0 || !strings.Contains(out, lang.want) {
					t.Errorf("%s -h: exit %d, want 0 with %q:\n%s", c.name, code, lang.want, out)
				}
				checkUsageLanguage(t, c.name+" -h", out)
				given := flagName.FindAllString(out, -1)
				for _, f := range want {
					if !slices.Contains(given, "--"+f) {
						t.Errorf("%s -h does not mention --%s:\n%s", c.name, f, out)
					}
				}
			}
		})
	}
}

// checkUsageLanguage fails on an English word, or a locale key shown for a
// missing text, in a usage printed in Dutch or French.
func checkUsageLanguage(t *testing.T, what, out string) {
	t.Helper()
	if strings.Contains(out, "cli.") {
		t.Errorf("%s shows a locale key, not its text:\n%s", what, out)
	}
	text := " " + strings.ToLower(strings.Join(strings.Fields(flagName.ReplaceAllString(out, " ")), " ")) + " "
	for _, w := range usageEnglish {
		if i := strings.Index(text, w); i >= 0 {
			t.Errorf("%s holds English %q: …%s…", what, w, text[max(0, i-60):min(len(text), i+60)])
		}
	}
}

// TestBadFlagInFrench: the flag package's complaints are said in the CLI's
// language, followed by the usage, with exit status 2.
func TestBadFlagInFrench(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", "--nope"}, "infocentre\u00a0: option --nope inconnue"},
		{[]string{"import", "--year"}, "infocentre\u00a0: --year requiert une valeur"},
		{[]string{"import", "--year", "deux"}, "--year «\u00a0deux\u00a0»\u00a0: valeur non valide"},
		{[]string{"fair", "frobnicate"}, "infocentre fair show"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, code := runCLI(t, append(tt.args, "--lang", "fr")...)
			if code != 2 || !strings.Contains(out, tt.want) || !strings.Contains(out, "Utilisation\u00a0:") {
				t.Errorf("exit %d, want 2 with %q and the usage:\n%s", code, tt.want, out)
			}
		})
	}
}
