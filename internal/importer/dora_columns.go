package importer

// The columns of the DORA register of information (Commission Implementing
// Regulation (EU) 2024/2956, Annex I) that the dora-roi preset reads. In the
// xBRL-CSV report package each template is reports/b_XX.YY.csv with one
// column per code (c0010, c0020, ...); the Excel template has one sheet per
// template with the same codes in a header row.
//
// Where each code comes from (none is guessed):
//
//   - [CISO] intuitem/ciso-assistant-community,
//     documentation/dora-roi-specification.md ("DORA Register of
//     Information (RoI) — Field Mapping Specification", §4 tab by tab, §5 the
//     package's metadata files), and backend/tprm/dora_export.py, the export
//     that file describes (the column lists of b_05.01 "12 columns for DORA
//     4.0", b_05.02, b_06.01 and b_07.01, and the package layout
//     LEI_..._DOR_DORA_ROI/reports/b_XX.YY.csv).
//   - [FROMCISO] roi.fromciso.com/docs/templates/b-05-01, the field reference
//     of B_05.01 after the final ITS (legal name c0050, name in Latin alphabet
//     c0060, type of person c0070, country of headquarters c0080); the older
//     specification above still numbers B_05.01 as the 2024 dry run did.
//   - The annex's instruction for B_06.01.0080/0090, as quoted in public
//     implementations of the register: "In number of hours. If the recovery
//     time objective is less than 1 hour, '1' shall be reported. In case the
//     recovery time objective of the function is not defined '0' shall be
//     reported." B_06.01 is numbered 0010-0100 after the corrigendum
//     (criticality at 0050, RTO 0080, RPO 0090), as [CISO] has it.
//
// Templates the preset does not read, and why: B_01.02/B_01.03 (the group's
// entities and branches) and B_04.01 (which entity of the group uses each
// arrangement): a catalog describes one organisation and has no entities;
// B_02.01/B_03.x (contract amounts and signatories): nothing in a drill
// depends on them; B_99.01: definitions only.
const (
	// B_01.01 — entity maintaining the register [CISO §4.1].
	b0101Name = "c0020" // name of the entity: the catalog's organisation

	// B_02.02 — contractual arrangements, specific information [CISO §4.5]:
	// one row per arrangement, function and type of ICT service (and
	// location); an application of the catalog is one arrangement's ICT
	// service of one type.
	b0202Contract = "c0010" // contractual arrangement reference number
	b0202Provider = "c0030" // identification code of the ICT third-party service provider
	b0202Function = "c0050" // function identifier (B_06.01.0010)
	b0202Service  = "c0060" // type of ICT services (Annex III, eba_TA:S01..S19)

	// B_05.01 — ICT third-party service providers [FROMCISO; CISO
	// dora_export.py generate_b_05_01].
	b0501Code     = "c0010" // identification code of the provider (LEI preferred)
	b0501CodeType = "c0020" // type of that code (eba_qCO:qx2000 is LEI)
	b0501Name     = "c0050" // legal name
	b0501Latin    = "c0060" // name in Latin alphabet
	b0501Country  = "c0080" // country of the provider's headquarters (eba_GA:XX)

	// B_05.02 — ICT service supply chains [CISO §4.12]: rank 1 is the
	// direct provider; a row of rank n > 1 is a subcontractor (c0030) of the
	// recipient (c0060), a provider of rank n-1.
	b0502Contract  = "c0010" // contractual arrangement reference number
	b0502Service   = "c0020" // type of ICT services
	b0502Provider  = "c0030" // identification code of the provider (the subcontractor)
	b0502Rank      = "c0050" // rank in the chain
	b0502Recipient = "c0060" // identification code of the recipient of the sub-contracted services

	// B_06.01 — functions identification [CISO §4.13].
	b0601Function    = "c0010" // function identifier
	b0601Name        = "c0030" // function name
	b0601Critical    = "c0050" // criticality or importance assessment (LIST0601050)
	b0601RTO         = "c0080" // recovery time objective, hours
	b0601RPO         = "c0090" // recovery point objective, hours
	b0601Discontinue = "c0100" // impact of discontinuing the function (LIST0601100)

	// B_07.01 — assessment of the ICT services [CISO §4.14]; also the
	// columns exitdrill export roi fills from verified drills.
	b0701Contract     = "c0010" // contractual arrangement reference number
	b0701Provider     = "c0020" // identification code of the provider
	b0701Service      = "c0040" // type of ICT services
	b0701ExitPlan     = "c0080" // existence of an exit plan (LISTBINARY)
	b0701Alternatives = "c0110" // are alternative providers identified? (LIST0601050)
	b0701Alternative  = "c0120" // identification of the alternative providers (free text)
)

// Closed sets of the register [CISO Appendix A].
const (
	roiYes          = "eba_BT:x28" // LISTBINARY and LIST0601050: Yes
	roiNo           = "eba_BT:x29" // No
	roiNotAssessed  = "eba_BT:x21" // LIST0601050: assessment not performed
	roiCodeTypeLEI  = "eba_qCO:qx2000"
	roiCodeTypeEUID = "eba_qCO:qx2002"
)

// roiServices names the types of ICT services (Annex III, LISTANNEXIII) and
// gives the catalog's service model of the cloud ones [CISO §4.5].
var roiServices = map[string]struct{ label, model, short string }{
	// label is Annex III's name, model the catalog's service model, short
	// what an application id and name call it.
	"S01": {"ICT project management", "", "project management"},
	"S02": {"ICT development", "", "development"},
	"S03": {"ICT help desk and first level support", "", "helpdesk"},
	"S04": {"ICT security management services", "", "security"},
	"S05": {"provision of data", "", "data"},
	"S06": {"data analysis", "", "data analysis"},
	"S07": {"ICT, facilities and hosting services (excluding cloud services)", "", "hosting"},
	"S08": {"computation", "", "computation"},
	"S09": {"non-cloud data storage", "", "storage"},
	"S10": {"telecom carrier", "", "telecom"},
	"S11": {"network infrastructure", "", "network"},
	"S12": {"hardware and physical devices", "", "hardware"},
	"S13": {"software licencing (excluding SaaS)", "onprem", "software"},
	"S14": {"ICT operation management (including maintenance)", "", "operations"},
	"S15": {"ICT consulting", "", "consulting"},
	"S16": {"ICT risk management", "", "risk management"},
	"S17": {"cloud services: IaaS", "iaas", "IaaS"},
	"S18": {"cloud services: PaaS", "paas", "PaaS"},
	"S19": {"cloud services: SaaS", "saas", "SaaS"},
}

// roiImpact names LIST0601100, the impact of discontinuing [CISO §4.13].
var roiImpact = map[string]string{
	"eba_ZZ:x791": "low", "eba_ZZ:x792": "medium", "eba_ZZ:x793": "high", "eba_ZZ:x799": "assessment not performed",
}
