"""The embedded default: MaineCare's AWS on moto, on this machine, in one command."""
