package console

func (c *Console) routes() {
	m := c.mux
	m.HandleFunc("GET /assets/{name}", serveAsset)
	m.HandleFunc("GET /login", c.loginPage)
	m.HandleFunc("POST /login", c.login)
	m.HandleFunc("GET /login/oidc", c.oidcStart)
	m.HandleFunc("GET /login/oidc/callback", c.oidcCallback)
	m.HandleFunc("POST /logout", c.action(RoleViewer, c.logout))
	m.HandleFunc("GET /{$}", c.page(RoleViewer, c.home))
	m.HandleFunc("GET /", c.notFound)
	m.HandleFunc("GET /readiness", c.page(RoleViewer, c.readiness))
	m.HandleFunc("GET /drills", c.page(RoleViewer, c.drills))
	// Starting a drill takes the role that schedules drills.
	m.HandleFunc("GET /drills/new", c.page(RoleManager, c.startPage))
	m.HandleFunc("POST /drills", c.action(RoleManager, c.startDrill))
	m.HandleFunc("GET /drills/{id}", c.page(RoleViewer, c.drill))
	m.HandleFunc("GET /drills/{id}/live", c.page(RoleViewer, c.drillLive))
	m.HandleFunc("POST /drills/{id}/abort", c.action(RoleManager, c.abort))
	m.HandleFunc("GET /stop-all", c.page(RoleManager, c.stopAllPage))
	m.HandleFunc("POST /stop-all", c.action(RoleManager, c.stopAll))
	m.HandleFunc("GET /inbox", c.page(RoleViewer, c.inbox))
	m.HandleFunc("POST /inbox", c.action(RoleOperator, c.complete))
	m.HandleFunc("POST /inbox/complete", c.action(RoleOperator, c.complete))
	m.HandleFunc("GET /reports", c.page(RoleViewer, c.reportsPage))
	m.HandleFunc("GET /reports/{name}/report.html", c.page(RoleViewer, c.reportHTML))
	m.HandleFunc("GET /reports/{name}/bundle.tar.gz", c.page(RoleViewer, c.bundle))
	m.HandleFunc("GET /catalog", c.page(RoleViewer, c.catalogPage))
	m.HandleFunc("GET /schedules", c.page(RoleViewer, c.schedules))
	m.HandleFunc("POST /schedules", c.action(RoleManager, c.scheduleCreate))
	m.HandleFunc("POST /schedules/{id}/{act}", c.action(RoleManager, c.scheduleAct))
}
