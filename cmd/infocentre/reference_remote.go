package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// referenceData is what `org` and `indicator` change: the local store, or
// the running server's API with --server.
type referenceData interface {
	Organisations(ctx context.Context) ([]reference.Organisation, error)
	Organisation(ctx context.Context, code string) (reference.Organisation, bool, error)
	AddOrganisation(ctx context.Context, o reference.Organisation) error
	UpdateOrganisation(ctx context.Context, o reference.Organisation) error
	EndOrganisation(ctx context.Context, code string, lastYear int, successors []string) error
	SetDefinition(ctx context.Context, code, lang string, from int, text string) error
}

// openReference opens the reference data of --server, or of the database
// --db; done closes it.
func openReference(ctx context.Context, e env, rem remote, db string) (referenceData, func(), error) {
	cl, err := rem.client(e)
	if err != nil {
		return nil, nil, err
	}
	if cl != nil {
		return &remoteReference{cl: cl}, func() {}, nil
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	return localReference{st}, func() { st.Close() }, nil
}

type localReference struct{ st *store.Store }

func (l localReference) Organisations(context.Context) ([]reference.Organisation, error) {
	return l.st.Reference().Organisations, nil
}

func (l localReference) Organisation(_ context.Context, code string) (reference.Organisation, bool, error) {
	o, ok := l.st.Reference().Organisation(code)
	return o, ok, nil
}

func (l localReference) AddOrganisation(ctx context.Context, o reference.Organisation) error {
	return l.st.AddOrganisation(ctx, cliActor(), o)
}

func (l localReference) UpdateOrganisation(ctx context.Context, o reference.Organisation) error {
	return l.st.UpdateOrganisation(ctx, cliActor(), o)
}

func (l localReference) EndOrganisation(ctx context.Context, code string, lastYear int, successors []string) error {
	return l.st.EndOrganisation(ctx, cliActor(), code, lastYear, successors)
}

func (l localReference) SetDefinition(ctx context.Context, code, lang string, from int, text string) error {
	return l.st.SetDefinition(ctx, cliActor(), code, lang, from, text)
}

// remoteReference calls the coordinator's reference API.
type remoteReference struct{ cl *apiclient.Client }

func (r *remoteReference) Organisations(ctx context.Context) ([]reference.Organisation, error) {
	var out []reference.Organisation
	err := r.cl.JSON(ctx, http.MethodGet, "/api/v1/organisations", nil, nil, &out)
	return out, err
}

func (r *remoteReference) Organisation(ctx context.Context, code string) (reference.Organisation, bool, error) {
	all, err := r.Organisations(ctx)
	if err != nil {
		return reference.Organisation{}, false, err
	}
	for _, o := range all {
		if strings.EqualFold(o.Code, code) {
			return o, true, nil
		}
	}
	return reference.Organisation{}, false, nil
}

func (r *remoteReference) AddOrganisation(ctx context.Context, o reference.Organisation) error {
	return r.cl.JSON(ctx, http.MethodPost, "/api/v1/organisations", nil, o, nil)
}

func (r *remoteReference) UpdateOrganisation(ctx context.Context, o reference.Organisation) error {
	return r.cl.JSON(ctx, http.MethodPut, "/api/v1/organisations/"+pathEscape(o.Code), nil, o, nil)
}

func (r *remoteReference) EndOrganisation(ctx context.Context, code string, lastYear int, successors []string) error {
	body := map[string]any{"last_year": lastYear, "successors": successors}
	return r.cl.JSON(ctx, http.MethodPost, "/api/v1/organisations/"+pathEscape(code)+"/end", nil, body, nil)
}

func (r *remoteReference) SetDefinition(ctx context.Context, code, lang string, from int, text string) error {
	body := reference.Definition{Lang: lang, FromYear: from, Text: text}
	return r.cl.JSON(ctx, http.MethodPost, "/api/v1/indicators/"+pathEscape(code)+"/definitions", nil, body, nil)
}
