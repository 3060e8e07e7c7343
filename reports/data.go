package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// jsonReport renders the computed results as one indented document: the
// Report (verdicts, recovery against RTO and MTPD, data loss against RPO,
// findings, scores, steps with their journal events).
func jsonReport(r *Report) ([]byte, error) { return marshalJSON(r) }

// marshalJSON encodes v indented, without HTML escaping, ending in a newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// csvHeader are the columns of verdicts.csv. Durations come twice: as text
// ("1d4h") and in seconds, so spreadsheets can sort and sum them.
var csvHeader = []string{
	"drill", "scenario", "process", "name", "owner", "critical", "verdict", "survives", "recovered",
	"recovery", "recovery_s", "rto", "rto_s", "mtpd", "mtpd_s", "data_loss_age", "data_loss_age_s", "rpo", "rpo_s",
	"data_loss_met", "failed_step", "score", "why",
}

// csvReport renders one row per process with its verdict and figures. A report
// with NotVerified set gets a last column, not_verified, that says so in every
// row.
func csvReport(r *Report) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := csvHeader
	if r.NotVerified != "" {
		// A CSV file has no place for a banner: every row carries the warning.
		header = append(slices.Clip(csvHeader), "not_verified")
	}
	_ = w.Write(header)
	for _, p := range r.Processes {
		rec, recS := "", ""
		if p.Recovered {
			rec, recS = p.Recovery.String(), seconds(int64(p.Recovery.Std().Seconds()))
		}
		age, ageS, met := "", "", ""
		if dl := p.DataLoss; dl != nil {
			met = strconv.FormatBool(dl.Met)
			if dl.Checked && dl.Backup != "" {
				age, ageS = dl.Age.String(), seconds(int64(dl.Age.Std().Seconds()))
			}
		}
		row := []string{r.DrillID, r.Scenario.ID, p.ID, p.Name, p.Owner, strconv.FormatBool(p.Critical), string(p.Verdict),
			strconv.FormatBool(p.Survives), strconv.FormatBool(p.Recovered), rec, recS,
			p.RTO.String(), seconds(int64(p.RTO.Std().Seconds())), p.MTPD.String(), seconds(int64(p.MTPD.Std().Seconds())),
			age, ageS, p.RPO.String(), seconds(int64(p.RPO.Std().Seconds())), met, p.FailedStep, strconv.Itoa(p.Score), p.Why}
		if r.NotVerified != "" {
			row = append(row, "NOT VERIFIED: "+r.NotVerified)
		}
		for i := range row {
			row[i] = cellSafe(row[i])
		}
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func seconds(n int64) string { return strconv.FormatInt(n, 10) }

// cellSafe keeps a spreadsheet from reading a text cell as a formula (CSV
// injection): names and reasons come from catalogs and tools.
func cellSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
