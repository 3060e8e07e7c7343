package drill

import "github.com/exitdrill/exitdrill/internal/yamldoc/defs"

// ExitPlanSections maps an organisation's own exit-plan template to the
// sections exitplan.current requires: for each section, the headings (or
// phrases a heading contains) that count as that section, in addition to the
// Dutch and English headings recognised out of the box. It is written once
// per catalog (the catalog's exitPlanSections) and travels with each
// exitplan.current step of a plan.
type ExitPlanSections struct {
	Triggers     []string `yaml:"triggers" json:"triggers,omitempty" doc:"Headings of the section on exit triggers."`
	Alternatives []string `yaml:"alternatives" json:"alternatives,omitempty" doc:"Headings of the section on alternative providers."`
	Data         []string `yaml:"data" json:"data,omitempty" doc:"Headings of the section on data return and transfer."`
	Transition   []string `yaml:"transition" json:"transition,omitempty" doc:"Headings of the section on the transition plan and timeline."`
	Roles        []string `yaml:"roles" json:"roles,omitempty" doc:"Headings of the section on roles and responsibilities."`
	Continuity   []string `yaml:"continuity" json:"continuity,omitempty" doc:"Headings of the section on continuity during the exit."`
	Tests        []string `yaml:"tests" json:"tests,omitempty" doc:"Headings of the section recording the plan's tests."`

	Src defs.Source `yaml:"-" json:"-"`
}

// ExitSection is one section every exit plan needs: its key under
// exitPlanSections, the name reports show, and the rules that ask for it.
type ExitSection struct {
	Key    string
	Name   string
	Source string
	// Headings returns the organisation's own headings for the section.
	Headings func(*ExitPlanSections) []string
}

// ExitSections are the required sections of an exit plan, in the order a
// plan usually has them. They follow DORA (Regulation (EU) 2022/2554) art.
// 28 and 30, RTS (EU) 2024/1773 art. 10 (the exit plan as a whole) and EBA
// GL 2019/02 §106-108; Source names the provisions that ask for each.
var ExitSections = []ExitSection{
	{"triggers", "Exit triggers", "DORA art. 28(7); EBA GL 2019/02 §108(e)",
		func(s *ExitPlanSections) []string { return s.Triggers }},
	{"alternatives", "Alternative providers", "DORA art. 28(8); EBA GL 2019/02 §107(b)",
		func(s *ExitPlanSections) []string { return s.Alternatives }},
	{"data", "Data return and transfer", "DORA art. 30(2)(d); EBA GL 2019/02 §108(d)",
		func(s *ExitPlanSections) []string { return s.Data }},
	{"transition", "Transition plan and timeline", "DORA art. 28(8), art. 30(3)(f); EBA GL 2019/02 §107(b)",
		func(s *ExitPlanSections) []string { return s.Transition }},
	{"roles", "Roles and responsibilities", "EBA GL 2019/02 §108(c)",
		func(s *ExitPlanSections) []string { return s.Roles }},
	{"continuity", "Continuity during the exit", "DORA art. 28(8)(a)-(c); EBA GL 2019/02 §106",
		func(s *ExitPlanSections) []string { return s.Continuity }},
	{"tests", "Record of tests", "DORA art. 28(8); EBA GL 2019/02 §107(a)",
		func(s *ExitPlanSections) []string { return s.Tests }},
}
