// Package metrics holds the server's Prometheus series, in a registry of
// its own (never the library's global one), served apart from the site.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the series of one server. A nil *Metrics counts nothing, so
// that tests and commands without a server need none.
type Metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	imports        *prometheus.CounterVec
	registerRows   prometheus.Counter
	mail           *prometheus.CounterVec
	backupFailures prometheus.Counter
	backupLast     prometheus.Gauge
}

// New returns the series, with Go's runtime and the process's.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "infocentre_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status."}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "infocentre_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern, method and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}}, []string{"route", "method", "status"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "infocentre_imports_total",
			Help: "Files uploaded to the server (indicator files and registers, dry runs apart), by result (accepted, refused) and, when refused, the reason's code."}, []string{"result", "reason"}),
		registerRows: prometheus.NewCounter(prometheus.CounterOpts{Name: "infocentre_register_rows_total",
			Help: "Complaints of the registers accepted by the server."}),
		mail: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "infocentre_mail_messages_total",
			Help: "E-mail messages handed to the mail server, by result (sent, failed)."}, []string{"result"}),
		backupFailures: prometheus.NewCounter(prometheus.CounterOpts{Name: "infocentre_backup_failures_total",
			Help: "Backups that failed."}),
		backupLast: prometheus.NewGauge(prometheus.GaugeOpts{Name: "infocentre_backup_last_success_timestamp_seconds",
			Help: "When the last backup succeeded (Unix time); 0 while none has since the server started."}),
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.duration, m.imports, m.registerRows, m.mail, m.backupFailures, m.backupLast)
	return m
}

// Gauge adds a series whose value read returns when it is scraped.
func (m *Metrics) Gauge(name, help string, read func() float64) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, read))
}

// Handler serves the series in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Request counts one answered request; route is the pattern it matched
// (never the raw path, whose values are unbounded).
func (m *Metrics) Request(route, method string, status int, took time.Duration) {
	if m == nil {
		return
	}
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, code).Inc()
	m.duration.WithLabelValues(route, method, code).Observe(took.Seconds())
}

// Import counts one uploaded file: reason is the code of why it was
// refused, empty when it was accepted.
func (m *Metrics) Import(accepted bool, reason string) {
	if m == nil {
		return
	}
	result := "refused"
	if accepted {
		result, reason = "accepted", ""
	}
	m.imports.WithLabelValues(result, reason).Inc()
}

// RegisterRows counts the complaints of an accepted register.
func (m *Metrics) RegisterRows(n int64) {
	if m == nil {
		return
	}
	m.registerRows.Add(float64(n))
}

// Mail counts one message handed to the mail server.
func (m *Metrics) Mail(sent bool) {
	if m == nil {
		return
	}
	result := "failed"
	if sent {
		result = "sent"
	}
	m.mail.WithLabelValues(result).Inc()
}

// BackupSucceeded records the time of a backup.
func (m *Metrics) BackupSucceeded(at time.Time) {
	if m == nil {
		return
	}
	m.backupLast.Set(float64(at.Unix()))
}

// BackupFailed counts a failed backup.
func (m *Metrics) BackupFailed() {
	if m == nil {
		return
	}
	m.backupFailures.Inc()
}
