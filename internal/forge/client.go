package forge

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// DefaultAPIURL is the public GitHub API.
const DefaultAPIURL = "https://api.github.com/"

// DefaultTokenEnv is the environment variable the token is read from, as
// GitHub Actions sets it.
const DefaultTokenEnv = "GITHUB_TOKEN"

// Config says how to reach the API.
type Config struct {
	// APIURL is the REST API's base URL: https://api.github.com/ or, for GitHub
	// Enterprise Server, https://HOST/api/v3 (as GITHUB_API_URL says in Actions).
	APIURL string
	// Token authenticates; empty means unauthenticated (public data only, 60
	// requests an hour).
	Token string
	// TokenEnv names where the token came from, for messages; never the token.
	TokenEnv string
	// Retry is how failed calls are retried; zero means DefaultRetry.
	Retry Retry
	// HTTPClient carries the requests; nil means a client with a 60 s timeout.
	HTTPClient *http.Client
	// Notify, when set, is told about each retry (for a progress line on
	// stderr). The message never contains the token.
	Notify func(msg string)
}

// Client calls the API. Create one with New; it is safe for concurrent use.
type Client struct {
	gh       *github.Client
	raw      *http.Client // the authenticated transport, not following redirects
	base     string
	token    string
	tokenEnv string
	retry    Retry
	notify   func(string)
}

// New returns a client for cfg. It fails when the API URL is not an http or
// https URL, or carries credentials (the token belongs in an environment
// variable, not in a URL that ends up in logs).
func New(cfg Config) (*Client, error) {
	raw := cfg.APIURL
	if raw == "" {
		raw = DefaultAPIURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("GitHub API URL %q: want an http or https URL such as %s or https://github.example.nl/api/v3", raw, DefaultAPIURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("GitHub API URL for host %s carries credentials: put the token in an environment variable (--token-env) instead", u.Host)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	tokenEnv := cfg.TokenEnv
	if tokenEnv == "" {
		tokenEnv = DefaultTokenEnv
	}
	gh := github.NewClient(hc)
	if cfg.Token != "" {
		gh = gh.WithAuthToken(cfg.Token)
	}
	gh.BaseURL = u
	gh.UserAgent = "exitdrill"
	rawClient := &http.Client{
		Transport:     gh.Client().Transport,
		Timeout:       hc.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	r := cfg.Retry
	if r == (Retry{}) {
		r = DefaultRetry
	}
	return &Client{gh: gh, raw: rawClient, base: u.String(), token: cfg.Token, tokenEnv: tokenEnv, retry: r, notify: cfg.Notify}, nil
}

// BaseURL is the API's base URL, with a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// Authenticated reports whether the client sends a token.
func (c *Client) Authenticated() bool { return c.token != "" }

// TokenEnv names the variable the token came from, for messages.
func (c *Client) TokenEnv() string { return c.tokenEnv }
