"""The kiosk's screens, one module each: attract, choose, briefing, live, debrief, feedback, facilitator."""
