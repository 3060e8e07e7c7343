package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// LoadCertRoles reads a roles file (at most 1 MiB): a YAML mapping of client
// certificate common names to roles (CertRoles), for ServerTLS.Roles.
//
//	worker-1.gemeente.example: worker
//	anna: continuity-manager
func LoadCertRoles(path string) (map[string]string, error) {
	data, err := readPEM(path)
	if err != nil {
		return nil, err
	}
	return ParseCertRoles(path, data)
}

// ParseCertRoles parses a roles file's data, naming every problem with
// name:line:column.
func ParseCertRoles(name string, data []byte) (map[string]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: no roles: give each client certificate's common name and its role (%s)", name, strings.Join(CertRoles, ", "))
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: want a mapping of certificate common names to roles (%s)", name, m.Line, m.Column, strings.Join(CertRoles, ", "))
	}
	roles := map[string]string{}
	var errs []error
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "":
			errs = append(errs, fmt.Errorf("%s:%d:%d: a certificate's common name must be a non-empty text", name, k.Line, k.Column))
		case v.Kind != yaml.ScalarNode || !slices.Contains(CertRoles, v.Value):
			errs = append(errs, fmt.Errorf("%s:%d:%d: certificate %q: role %q is not one of %s", name, v.Line, v.Column, k.Value, v.Value, strings.Join(CertRoles, ", ")))
		case roles[k.Value] != "":
			errs = append(errs, fmt.Errorf("%s:%d:%d: certificate %q is given twice", name, k.Line, k.Column, k.Value))
		default:
			roles[k.Value] = v.Value
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return roles, nil
}
