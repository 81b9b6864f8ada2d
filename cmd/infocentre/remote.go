package main

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
)

// A command given --server URL (or INFOCENTRE_SERVER) does its work through
// the API of that running server, acting with a coordinator's token
// (--token or INFOCENTRE_TOKEN): DuckDB lets no other process open the
// database the server holds. The rules stay on the server; the command
// reads its files, calls the API and prints what a local run prints.

// remote holds --server and --token.
type remote struct{ server, token *string }

// remoteFlags declares --server and --token with their environment
// defaults.
func remoteFlags(fs *flag.FlagSet) remote {
	return remote{
		server: fs.String("server", os.Getenv("INFOCENTRE_SERVER"), "cli.flag.server"),
		token:  fs.String("token", os.Getenv("INFOCENTRE_TOKEN"), "cli.flag.token"),
	}
}

// client is the API client of --server, or nil for the local database.
func (r remote) client(e env) (*apiclient.Client, error) {
	if *r.server == "" {
		return nil, nil
	}
	if *r.token == "" {
		return nil, domain.Errorf(domain.EINVALID, "error.cli.server_token")
	}
	cl, err := apiclient.New(*r.server, *r.token, e.p.Lang())
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "error.cli.server_url", *r.server)
	}
	return cl, nil
}

// localOnly refuses, with --server, the flags given that only a local run
// understands.
func localOnly(fs *flag.FlagSet, names ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		for _, n := range names {
			if f.Name == n && err == nil {
				err = domain.Errorf(domain.EINVALID, "error.cli.server_flag", "--"+n)
			}
		}
	})
	return err
}

// approveAll approves, as the coordinator of the token, the submissions an
// upload created: through the API a file is submitted for review, and the
// command line records it approved unless --submit-only.
func approveAll(ctx context.Context, cl *apiclient.Client, subs []domain.Submission) error {
	for i := range subs {
		var sub domain.Submission
		if err := cl.JSON(ctx, http.MethodPost, "/api/v1/submissions/"+strconv.FormatInt(subs[i].ID, 10)+"/approve", nil, nil, &sub); err != nil {
			return err
		}
		subs[i].Status = sub.Status
	}
	return nil
}

// remoteError is the message of an API answer as the CLI prints an error.
func remoteError(err error) (string, bool) {
	var ae *apiclient.Error
	if errors.As(err, &ae) {
		return ae.Message, true
	}
	return "", false
}

// pathEscape is one path segment of an API URL.
func pathEscape(s string) string { return url.PathEscape(s) }

// dryRunQuery asks an upload to check and write nothing.
func dryRunQuery(dryRun bool) url.Values {
	if !dryRun {
		return nil
	}
	return url.Values{"dry_run": {"true"}}
}

// asNamed gives the problems of an upload, which the server places in the
// file's base name, the name the command was given, as a local run does.
func asNamed(ps []domain.Problem, name string) []domain.Problem {
	base := filepath.Base(name)
	for i := range ps {
		if ps[i].Place.File == base {
			ps[i].Place.File = name
		}
		if o := ps[i].Other; o != nil && o.File == base {
			o.File = name
		}
	}
	return ps
}
