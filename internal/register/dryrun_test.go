package register

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/register/gen"
	"github.com/fcmn/infocentre/internal/storetest"
)

// TestDryRunUnderTightMemory: a dry run of a register too large for
// DuckDB's memory limit to hold uncommitted (200,000 complaints under 48MB
// failed with "Out of Memory" while the import itself passed) computes the
// same figures as the import and keeps none of its rows.
func TestDryRunUnderTightMemory(t *testing.T) {
	const rows = 200_000
	path := filepath.Join(t.TempDir(), "register FIN.csv")
	if err := gen.WriteFile(path, gen.Write, gen.Config{Rows: rows, FirstYear: 2023, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t)
	ctx := context.Background()
	if err := st.SetMemoryLimit(ctx, "48MB"); err != nil {
		t.Fatal(err)
	}
	im := NewImporter(st)
	dry, err := im.Import(ctx, Request{Path: path, Source: "test", Status: domain.StatusApproved, DryRun: true})
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if !dry.Accepted() || dry.Rows != rows || len(dry.Stored.Observations) == 0 || len(dry.Stored.Stored.Created) != 0 {
		t.Fatalf("dry run: accepted %v, %d rows, %d observations, %d submissions; problems %v",
			dry.Accepted(), dry.Rows, len(dry.Stored.Observations), len(dry.Stored.Stored.Created), dry.Problems)
	}
	if n, err := st.RegisterRows(ctx, "FIN"); err != nil || n != 0 {
		t.Fatalf("after the dry run: %d register rows kept (%v), want none", n, err)
	}
	res, err := im.Import(ctx, Request{Path: path, Source: "test", Status: domain.StatusApproved})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(res.Stored.Stored.Created) != 2 || fmt.Sprint(res.Stored.Observations) != fmt.Sprint(dry.Stored.Observations) {
		t.Errorf("import: %d submissions (want 2: the dry run stored none), figures equal to the dry run's: %v",
			len(res.Stored.Stored.Created), fmt.Sprint(res.Stored.Observations) == fmt.Sprint(dry.Stored.Observations))
	}
	if n, err := st.RegisterRows(ctx, "FIN"); err != nil || n != rows {
		t.Errorf("after the import: %d register rows (%v), want %d", n, err, rows)
	}
}
