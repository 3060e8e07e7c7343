package archtest

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestArchitectureCheck runs the checker on the packages in testdata, which
// break the rules on purpose, so that TestArchitecture can be trusted to fail.
func TestArchitectureCheck(t *testing.T) {
	const td = "internal/archtest/testdata/"
	pkgs := listDeps(t, ".", module+"/"+td+"clean", module+"/"+td+"execs", module+"/"+td+"indirect", module+"/"+td+"vocab", module+"/"+td+"reader")
	tests := []struct {
		name string
		rule rule
		want []string
	}{
		{"a clean package passes", pure(td + "clean"), nil},
		{"a direct import of os exec", pure(td + "execs"), []string{
			td + "execs imports os/exec: a pure package does no I/O of its own; adapters belong in internal/",
			td + "execs reaches os/exec: " + td + "execs -> os/exec",
		}},
		{"net http two imports away: the chain names the package between", pure(td + "indirect"), []string{
			td + "indirect reaches net/http: " + td + "indirect -> " + td + "middle -> net/http",
		}},
		{"a module package", rule{pkg: td + "indirect", reach: []string{module + "/internal/..."}}, []string{
			td + "indirect reaches internal/...: " + td + "indirect -> " + td + "middle",
		}},
		{"a leaf naming positions through the pure vocabulary", leaf(td + "vocab"), nil},
		{"a leaf reaching the reader of definitions", leaf(td + "reader"), []string{
			td + "reader reaches internal/...: " + td + "reader -> internal/yamldoc",
			td + "reader reaches gopkg.in/yaml.v3: " + td + "reader -> internal/yamldoc -> gopkg.in/yaml.v3",
		}},
		{"a module package excepted", rule{pkg: td + "indirect", reach: []string{module + "/internal/..."}, except: []string{module + "/" + td + "middle"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, v := range check(tt.rule, pkgs) {
				got = append(got, v.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("closure too big", func(t *testing.T) {
		vs := check(rule{pkg: td + "clean", maxDeps: 3}, pkgs)
		want := regexp.MustCompile(`^` + td + `clean: closure of \d+ packages, want under 3$`)
		if len(vs) != 1 || !want.MatchString(vs[0].String()) {
			t.Errorf("violations = %v, want one matching %s", vs, want)
		}
	})
}
