#!/bin/sh
# make-upgrade-fixture.sh COMMIT NAME writes the upgrade fixture NAME (the
# number of the newest migration at COMMIT, e.g. 008) with the code of
# COMMIT: it checks COMMIT out in /tmp/at-COMMIT, builds that release's
# infocentre, writes a small database with that release's own CLI, records
# what the database holds (scripts/upgrade-fixture-contents.go, run with
# that release's DuckDB driver) and stores both in
# internal/store/testdata/upgrades as NAME.duckdb.gz and NAME.json.
# TestUpgradeFixtures opens a copy with today's store and compares.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 COMMIT NAME" >&2; exit 2; }
commit=$1
name=$2
root=$(git rev-parse --show-toplevel)
out=$root/internal/store/testdata/upgrades
samples=/tmp/at-$1/samples/exports # that release's own sample files: later ones carry indicators it did not know
at=/tmp/at-$commit
work=$(mktemp -d)
db=$work/$name.duckdb
git worktree add --detach "$at" "$commit"
trap 'git -C "$root" worktree remove --force "$at"; rm -rf "$work"' EXIT
cd "$at"
export INFOCENTRE_DB="$db" LANG=en_US.UTF-8
bin=$work/infocentre
if [ -d cmd/infocentre ]; then
	go build -o "$bin" ./cmd/infocentre
fi

# The first release has no command line: its store is opened (which applies
# migration 001 and writes the reference tables) and one approved
# submission is written with the SQL of that time's schema.
first_release() {
	mkdir -p cmd/mkfixture
	cat >cmd/mkfixture/main.go <<'GO'
package main

import (
	"context"
	"database/sql"
	"log"
	"os"

	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

func main() {
	ctx := context.Background()
	ref, err := reference.Load()
	if err != nil {
		log.Fatal(err)
	}
	st, err := store.Open(ctx, os.Args[1], ref)
	if err != nil {
		log.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("duckdb", os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO submissions (organisation, year, version, file_name, sha256, source, kind, status, created_at) VALUES ('FIN', 2023, 1, 'FIN_klachten_2023.csv', 'fixture', 'cli', 'indicators', 'approved', TIMESTAMPTZ '2026-11-23 10:00:00+00')`,
		`INSERT INTO observations VALUES (1, 'FIN', 2023, 'received', '', 1234), (1, 'FIN', 2023, 'admissible', '', 1100)`,
		`CHECKPOINT`,
	} {
		if _, err := db.Exec(q); err != nil {
			log.Fatal(err)
		}
	}
}
GO
	go run ./cmd/mkfixture "$db"
}

# A register of 5 complaints of FIN in 2023, in the layout every release
# since 003 reads.
register_file() {
	cat >"$work/register.csv" <<'CSV'
Organisatie : FOD Financien
Klachtnummer;Datum ontvangst;Kanaal;Taal;Ontvankelijk;Uitkomst;Type;Datum ontvangstmelding;Datum afsluiting;Tweede lijn
R1;10/01/2023;Mail;Nederlands;ja;Gegrond;Kwaliteit;15/01/2023;9/2/2023;nee
R2;1/3/2023;Brief;Frans;JA;Gedeeltelijk gegrond;Gedrag;07/03/2023;01/04/2023;ja
R3;05/05/2023;Telefoon;NL;nee;;;06/05/2023;;nee
R4;20/12/2023;e-mail;FR;ja;Ongegrond;;22/12/2023;05/01/2024;nee
R5;31/12/2023;Webformulier;Duits;ja;;;;;nee
CSV
	echo "$work/register.csv"
}

accounts() {
	printf 'fixture-password-1\n' | "$bin" user add --email coord@fixture.example --role coordinator
	printf 'fixture-password-2\n' | "$bin" user add --email agency@fixture.example --role agency --org FIN
	"$bin" token create --email coord@fixture.example >/dev/null
	"$bin" token create --email agency@fixture.example >/dev/null
}

case $name in
001)
	first_release
	;;
002)
	"$bin" import "$samples/FIN_klachten_2022.csv" "$samples/BOSA_complaints_2023.csv"
	;;
003 | 004 | 005 | 007)
	"$bin" import "$samples/FIN_klachten_2022.csv" "$samples/BOSA_complaints_2023.csv"
	"$bin" import --submit-only "$samples/FIN_klachten_2023.csv"
	accounts
	"$bin" token revoke --email agency@fixture.example
	if [ -f cmd/infocentre/register.go ]; then "$bin" register --org FIN "$(register_file)"; fi
	;;
008 | 009 | 010 | 011 | 012 | 013)
	"$bin" import "$samples/FIN_klachten_2022.csv" "$samples/BOSA_complaints_2023.csv"
	"$bin" import --submit-only "$samples/FIN_klachten_2023.csv"
	accounts
	"$bin" token revoke --email agency@fixture.example
	"$bin" register --org FIN "$(register_file)"
	# 008 added rounds to the store before the command line had `round`;
	# a deadline far ahead stays open whenever the fixture is made again.
	if [ -f cmd/infocentre/round.go ]; then
		"$bin" round open --year 2030 --deadline 2031-03-31 --message-nl "Graag uw cijfers" --message-fr "Vos chiffres, svp"
	fi
	;;
*)
	echo "$0: no recipe for fixture $name" >&2
	exit 2
	;;
esac

mkdir -p "$out"
go run "$root/scripts/upgrade-fixture-contents.go" "$db" >"$out/$name.json"
gzip -9 -n -c "$db" >"$out/$name.duckdb.gz"
ls -l "$out/$name.json" "$out/$name.duckdb.gz"
