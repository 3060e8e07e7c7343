package fakegithub

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

type label struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Description string `json:"description"`
}

type comment struct {
	ID        int64     `json:"id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// Issue is an issue as a test inspects it.
type Issue struct {
	Number      int
	Title, Body string
	State       string // open or closed
	StateReason string
	Labels      []string
	Assignees   []string
	Comments    []string
}

type issue struct {
	Issue
	comments []comment
	created  time.Time
	updated  time.Time
}

// Issues returns the issues of owner/name, by number.
func (s *Server) Issues(owner, name string) []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	rp := s.repos[owner+"/"+name]
	if rp == nil {
		return nil
	}
	var out []Issue
	for _, is := range rp.issues {
		c := is.Issue
		c.Labels = slices.Clone(is.Labels)
		c.Assignees = slices.Clone(is.Assignees)
		for _, cm := range is.comments {
			c.Comments = append(c.Comments, cm.Body)
		}
		out = append(out, c)
	}
	return out
}

// SetIssueState changes an issue as a person would in the web interface.
func (s *Server) SetIssueState(owner, name string, number int, state string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rp := s.repos[owner+"/"+name]; rp != nil && number > 0 && number <= len(rp.issues) {
		rp.issues[number-1].State = state
	}
}

func (s *Server) issueJSON(rp *repo, is *issue) map[string]any {
	labels := []map[string]any{}
	for _, n := range is.Labels {
		for _, l := range rp.labels {
			if strings.EqualFold(l.Name, n) {
				labels = append(labels, map[string]any{"id": l.ID, "name": l.Name, "color": l.Color, "description": l.Description})
			}
		}
	}
	assignees := []map[string]any{}
	for _, a := range is.Assignees {
		assignees = append(assignees, map[string]any{"login": a, "type": "User"})
	}
	path := rp.owner + "/" + rp.name + "/issues/" + strconv.Itoa(is.Number)
	var stateReason, closedAt any
	if is.StateReason != "" {
		stateReason = is.StateReason
	}
	if is.State == "closed" {
		closedAt = is.updated.UTC().Format(time.RFC3339)
	}
	return map[string]any{
		"id": int64(is.Number) * 101, "node_id": "I_" + path, "number": is.Number, "title": is.Title, "body": is.Body,
		"state": is.State, "state_reason": stateReason, "locked": false, "labels": labels, "assignees": assignees,
		"comments": len(is.comments), "html_url": s.htmlURL(path), "url": s.Server.URL + "/repos/" + path,
		"user": map[string]any{"login": "exitdrill-bot"}, "created_at": is.created.UTC().Format(time.RFC3339),
		"updated_at": is.updated.UTC().Format(time.RFC3339), "closed_at": closedAt,
	}
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var want []string
	if v := q.Get("labels"); v != "" {
		want = strings.Split(v, ",")
	}
	s.mu.Lock()
	var list []map[string]any
	for i := len(rp.issues) - 1; i >= 0; i-- { // sort=created, direction=desc
		is := rp.issues[i]
		if (state != "all" && is.State != state) || !hasLabels(is.Labels, want) {
			continue
		}
		list = append(list, s.issueJSON(rp, is))
	}
	s.mu.Unlock()
	if q.Get("direction") == "asc" {
		slices.Reverse(list)
	}
	page(s, w, r, list)
}

func hasLabels(have, want []string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.EqualFold(h, strings.TrimSpace(w)) }) {
			return false
		}
	}
	return true
}

type issueRequest struct {
	Title       *string   `json:"title"`
	Body        *string   `json:"body"`
	State       *string   `json:"state"`
	StateReason *string   `json:"state_reason"`
	Labels      *[]string `json:"labels"`
	Assignees   *[]string `json:"assignees"`
}

// Collaborators are the logins that may be assigned; others are refused with 422.
var Collaborators = []string{"jdevries", "mbakker", "operator"}

func (s *Server) writeIssue(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	var req issueRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, errBody("Problems parsing JSON"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var is *issue
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if req.Title == nil || strings.TrimSpace(*req.Title) == "" {
			validationFailed(w, "Issue", "title", "missing_field", nil)
			return
		}
		is = &issue{Issue: Issue{Number: len(rp.issues) + 1, State: "open"}, created: time.Now()}
		status = http.StatusCreated
	} else {
		n, _ := strconv.Atoi(r.PathValue("number"))
		if n < 1 || n > len(rp.issues) {
			notFound(w)
			return
		}
		is = rp.issues[n-1]
	}
	if req.Assignees != nil {
		for _, a := range *req.Assignees {
			if !slices.Contains(Collaborators, a) {
				validationFailed(w, "Issue", "assignees", "invalid", a)
				return
			}
		}
	}
	if req.State != nil && *req.State != "open" && *req.State != "closed" {
		validationFailed(w, "Issue", "state", "invalid", *req.State)
		return
	}
	apply(is, &req, rp)
	is.updated = time.Now()
	if r.Method == http.MethodPost {
		rp.issues = append(rp.issues, is)
	}
	writeJSON(w, status, s.issueJSON(rp, is))
}

func apply(is *issue, req *issueRequest, rp *repo) {
	if req.Title != nil {
		is.Title = *req.Title
	}
	if req.Body != nil {
		is.Body = *req.Body
	}
	if req.State != nil {
		if *req.State != is.State {
			is.StateReason = ""
		}
		is.State = *req.State
		if is.State == "open" && req.StateReason == nil {
			is.StateReason = "reopened"
		}
	}
	if req.StateReason != nil {
		is.StateReason = *req.StateReason
	}
	if req.Assignees != nil {
		is.Assignees = slices.Clone(*req.Assignees)
	}
	if req.Labels != nil {
		is.Labels = nil
		for _, n := range *req.Labels {
			if !slices.ContainsFunc(rp.labels, func(l *label) bool { return strings.EqualFold(l.Name, n) }) {
				rp.nextID++ // GitHub creates a label it does not know, grey
				rp.labels = append(rp.labels, &label{ID: rp.nextID, Name: n, Color: "ededed"})
			}
			is.Labels = append(is.Labels, n)
		}
	}
}

func (s *Server) issueAt(w http.ResponseWriter, r *http.Request) (*repo, *issue) {
	rp := s.lookup(w, r)
	if rp == nil {
		return nil, nil
	}
	n, _ := strconv.Atoi(r.PathValue("number"))
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 || n > len(rp.issues) {
		notFound(w)
		return nil, nil
	}
	return rp, rp.issues[n-1]
}

func (s *Server) getIssue(w http.ResponseWriter, r *http.Request) {
	rp, is := s.issueAt(w, r)
	if is == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.issueJSON(rp, is))
}

func (s *Server) comments(w http.ResponseWriter, r *http.Request) {
	rp, is := s.issueAt(w, r)
	if is == nil {
		return
	}
	if r.Method == http.MethodGet {
		s.mu.Lock()
		var list []map[string]any
		for _, c := range is.comments {
			list = append(list, map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": "exitdrill-bot"},
				"created_at": c.CreatedAt.UTC().Format(time.RFC3339), "html_url": s.htmlURL(rp.owner + "/" + rp.name + "/issues/" + strconv.Itoa(is.Number) + "#issuecomment-" + strconv.FormatInt(c.ID, 10))})
		}
		s.mu.Unlock()
		page(s, w, r, list)
		return
	}
	var req struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Body == nil || *req.Body == "" {
		validationFailed(w, "IssueComment", "body", "missing_field", nil)
		return
	}
	if len(*req.Body) > 65536 {
		validationFailed(w, "IssueComment", "body", "custom", nil)
		return
	}
	s.mu.Lock()
	rp.nextID++
	c := comment{ID: rp.nextID, Body: *req.Body, CreatedAt: time.Now()}
	is.comments = append(is.comments, c)
	is.updated = c.CreatedAt
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": "exitdrill-bot"},
		"created_at": c.CreatedAt.UTC().Format(time.RFC3339)})
}

func (s *Server) labels(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	if r.Method == http.MethodGet {
		s.mu.Lock()
		list := make([]label, 0, len(rp.labels))
		for _, l := range rp.labels {
			list = append(list, *l)
		}
		s.mu.Unlock()
		page(s, w, r, list)
		return
	}
	var req label
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Name == "" {
		validationFailed(w, "Label", "name", "missing_field", nil)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.ContainsFunc(rp.labels, func(l *label) bool { return strings.EqualFold(l.Name, req.Name) }) {
		validationFailed(w, "Label", "name", "already_exists", nil)
		return
	}
	if req.Color == "" {
		req.Color = "ededed"
	}
	rp.nextID++
	req.ID = rp.nextID
	rp.labels = append(rp.labels, &req)
	writeJSON(w, http.StatusCreated, req)
}

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /users/{login}", s.getUser)
	mux.HandleFunc("GET /users/{login}/repos", s.listRepos(false))
	mux.HandleFunc("GET /orgs/{login}/repos", s.listRepos(true))
	mux.HandleFunc("GET /repos/{owner}/{repo}", s.getRepo)
	mux.HandleFunc("GET /repos/{owner}/{repo}/branches", s.listBranches)
	mux.HandleFunc("GET /repos/{owner}/{repo}/commits/{ref...}", s.getCommit)
	mux.HandleFunc("GET /repos/{owner}/{repo}/compare/{basehead...}", s.compare)
	mux.HandleFunc("GET /repos/{owner}/{repo}/tarball/{ref...}", s.tarball)
	mux.HandleFunc("GET /_codeload/{owner}/{repo}/legacy.tar.gz/{sha}", s.codeload)
	mux.HandleFunc("GET /repos/{owner}/{repo}/issues", s.listIssues)
	mux.HandleFunc("POST /repos/{owner}/{repo}/issues", s.writeIssue)
	mux.HandleFunc("GET /repos/{owner}/{repo}/issues/{number}", s.getIssue)
	mux.HandleFunc("PATCH /repos/{owner}/{repo}/issues/{number}", s.writeIssue)
	mux.HandleFunc("GET /repos/{owner}/{repo}/issues/{number}/comments", s.comments)
	mux.HandleFunc("POST /repos/{owner}/{repo}/issues/{number}/comments", s.comments)
	mux.HandleFunc("GET /repos/{owner}/{repo}/labels", s.labels)
	mux.HandleFunc("POST /repos/{owner}/{repo}/labels", s.labels)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { notFound(w) })
}
