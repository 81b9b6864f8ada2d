package opendata

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Vocabularies of DCAT-AP and DCAT-AP BE: the EU's authority tables for
// licences, themes, languages, file types and frequencies.
const (
	licenceCC0   = "http://creativecommons.org/publicdomain/zero/1.0/"
	themeGov     = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
	euLanguage   = "http://publications.europa.eu/resource/authority/language/"
	euFileType   = "http://publications.europa.eu/resource/authority/file-type/"
	annual       = "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
	belgium      = "http://publications.europa.eu/resource/authority/country/BEL"
	ianaMedia    = "https://www.iana.org/assignments/media-types/"
	parquetMedia = "application/vnd.apache.parquet"
)

// Texts are the catalogue's human-readable texts in one language.
type Texts struct {
	CatalogTitle, CatalogDescription string
	DatasetTitle, DatasetDescription string
	Publisher                        string
	Keywords                         []string
	CSVTitle, ParquetTitle           string
}

// Catalog returns the DCAT-AP catalogue (JSON-LD) of the open data at base
// (the site's address, without a final slash), with its texts per language
// (nl, fr, en).
func Catalog(f Files, base string, texts map[string]Texts) ([]byte, error) {
	lit := func(pick func(Texts) string) []map[string]string {
		var out []map[string]string
		for _, lang := range []string{"nl", "fr", "en"} {
			out = append(out, map[string]string{"@value": pick(texts[lang]), "@language": lang})
		}
		return out
	}
	modified := map[string]string{"@value": f.Modified.UTC().Format(time.RFC3339), "@type": "xsd:dateTime"}
	if f.Modified.IsZero() {
		modified = nil
	}
	publisher := map[string]any{"@id": base + "/#publisher", "@type": "foaf:Agent",
		"foaf:name": lit(func(t Texts) string { return t.Publisher }), "foaf:homepage": map[string]string{"@id": base + "/"}}
	var keywords []map[string]string
	for _, lang := range []string{"nl", "fr", "en"} {
		for _, k := range texts[lang].Keywords {
			keywords = append(keywords, map[string]string{"@value": k, "@language": lang})
		}
	}
	distribution := func(name, format, media string, size int64) map[string]any {
		url := base + "/open-data/" + name
		return map[string]any{
			"@id": url + "#distribution", "@type": "dcat:Distribution",
			"dct:title":        lit(func(t Texts) string { return map[string]string{"CSV": t.CSVTitle, "PARQUET": t.ParquetTitle}[format] }),
			"dcat:accessURL":   map[string]string{"@id": url},
			"dcat:downloadURL": map[string]string{"@id": url},
			"dct:format":       map[string]string{"@id": euFileType + format},
			"dcat:mediaType":   map[string]string{"@id": ianaMedia + media},
			"dct:license":      map[string]string{"@id": licenceCC0},
			"dcat:byteSize":    map[string]string{"@value": strconv.FormatInt(size, 10), "@type": "xsd:nonNegativeInteger"},
			"dct:modified":     modified,
		}
	}
	dataset := map[string]any{
		"@id": base + "/open-data/observations", "@type": "dcat:Dataset",
		"dct:identifier":         "infocentre-observations",
		"dct:title":              lit(func(t Texts) string { return t.DatasetTitle }),
		"dct:description":        lit(func(t Texts) string { return t.DatasetDescription }),
		"dct:publisher":          map[string]string{"@id": base + "/#publisher"},
		"dcat:contactPoint":      map[string]any{"@type": "vcard:Organization", "vcard:fn": texts["en"].Publisher, "vcard:hasURL": map[string]string{"@id": base + "/"}},
		"dcat:theme":             []map[string]string{{"@id": themeGov}},
		"dcat:keyword":           keywords,
		"dct:language":           languages(),
		"dct:spatial":            map[string]string{"@id": belgium},
		"dct:accrualPeriodicity": map[string]string{"@id": annual},
		"dct:license":            map[string]string{"@id": licenceCC0},
		"dct:accessRights":       map[string]string{"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
		"dct:modified":           modified,
		"dcat:landingPage":       map[string]string{"@id": base + "/"},
		"dcat:distribution": []map[string]any{
			distribution("observations.csv", "CSV", "text/csv", f.CSVSize),
			distribution("observations.parquet", "PARQUET", parquetMedia, f.ParquetSize),
		},
	}
	if len(f.Years) > 0 {
		dataset["dct:temporal"] = map[string]any{"@type": "dct:PeriodOfTime",
			"dcat:startDate": map[string]string{"@value": fmt.Sprintf("%d-01-01", f.Years[0]), "@type": "xsd:date"},
			"dcat:endDate":   map[string]string{"@value": fmt.Sprintf("%d-12-31", f.Years[len(f.Years)-1]), "@type": "xsd:date"}}
	}
	doc := map[string]any{
		"@context": map[string]string{
			"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
			"vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
		},
		"@id": base + "/open-data/catalog.jsonld", "@type": "dcat:Catalog",
		"dct:title":          lit(func(t Texts) string { return t.CatalogTitle }),
		"dct:description":    lit(func(t Texts) string { return t.CatalogDescription }),
		"dct:publisher":      publisher,
		"dct:license":        map[string]string{"@id": licenceCC0},
		"dct:language":       languages(),
		"dct:modified":       modified,
		"foaf:homepage":      map[string]string{"@id": base + "/"},
		"dcat:themeTaxonomy": map[string]string{"@id": "http://publications.europa.eu/resource/authority/data-theme"},
		"dcat:dataset":       []any{dataset},
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("opendata: catalogue: %w", err)
	}
	return append(out, '\n'), nil
}

func languages() []map[string]string {
	return []map[string]string{{"@id": euLanguage + "NLD"}, {"@id": euLanguage + "FRA"}, {"@id": euLanguage + "ENG"}}
}
