package drillops

import (
	"strconv"
	"strings"

	"go.temporal.io/sdk/client"
)

// CronOf writes a calendar back as the five cron fields it was created from
// (the server keeps only the parsed ranges, and a comment only after "#").
func CronOf(cal client.ScheduleCalendarSpec) string {
	fields := []string{
		cronField(cal.Minute, 0, 59), cronField(cal.Hour, 0, 23), cronField(cal.DayOfMonth, 1, 31),
		cronField(cal.Month, 1, 12), cronField(cal.DayOfWeek, 0, 6),
	}
	out := strings.Join(fields, " ")
	if cal.Comment != "" {
		out += " # " + cal.Comment
	}
	return out
}

func cronField(ranges []client.ScheduleRange, lo, hi int) string {
	var parts []string
	for _, r := range ranges {
		end, step := max(r.End, r.Start), max(r.Step, 1)
		part := strconv.Itoa(r.Start)
		switch {
		case r.Start == lo && end == hi:
			part = "*"
		case end > r.Start:
			part += "-" + strconv.Itoa(end)
		}
		if step > 1 {
			part += "/" + strconv.Itoa(step)
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return "*"
	}
	return strings.Join(parts, ",")
}
