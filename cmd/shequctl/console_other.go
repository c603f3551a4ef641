//go:build !windows

package main

func setupConsole() {}
