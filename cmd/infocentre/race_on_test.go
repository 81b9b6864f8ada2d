//go:build race

package main

// raceDetector tells whether this test binary carries the race detector.
const raceDetector = true
