# MaineCare Serverless: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = 20
export AWS_DEFAULT_REGION ?= us-east-1

.PHONY: run test test-fast lint synth cdk-synth openapi layer bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

node_modules/.bin/cdk: package.json
	npm install --no-audit --no-fund
	touch $@

## Start moto, provision every resource, seed demo data, serve the API on 127.0.0.1:$(PORT)
run: $(BIN)/.installed
	PORT=$(PORT) $(BIN)/python -m local run

## The whole suite: unit, integration (moto), infrastructure (CDK + cdk-nag), end to end (HTTP)
test: $(BIN)/.installed
	$(BIN)/pytest

## Everything but CDK synthesis and the end-to-end stack
test-fast: $(BIN)/.installed
	$(BIN)/pytest -m "not infra and not e2e"

lint: $(BIN)/.installed
	$(BIN)/ruff check .

## Synthesize offline into cdk.out/ with cdk-nag (AwsSolutions + HIPAA.Security)
synth: $(BIN)/.installed
	$(BIN)/python app.py

## The same through the CDK CLI from npm
cdk-synth: $(BIN)/.installed node_modules/.bin/cdk
	PATH="$(CURDIR)/$(BIN):$$PATH" npx cdk synth --quiet

## Regenerate the committed OpenAPI document from the app
openapi: $(BIN)/.installed
	$(BIN)/python -m local openapi --out docs/openapi.json

## Third-party packages for the Lambda layer (Linux x86_64 wheels); needed before a deploy.
## Compiled to bytecode: Lambda's /opt is read-only, so without it every cold start compiles these
## packages (edi_ingest's import: 2.5 s from source, 0.7 s from bytecode, on the dev machine).
## Unchecked-hash .pyc files stay valid whatever timestamps the asset zip gives the sources (PEP 552).
layer: $(BIN)/.installed
	rm -rf build/layer-deps
	$(BIN)/pip install --quiet --platform manylinux2014_x86_64 --implementation cp --python-version 3.11 \
	    --only-binary=:all: -r requirements.txt -c constraints.txt -t build/layer-deps/python
	$(BIN)/python -m compileall -q -f -j 0 --invalidation-mode unchecked-hash build/layer-deps/python

bench: $(BIN)/.installed
	$(BIN)/python bench/ndc.py
	$(BIN)/python bench/edi.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/coldstart.py
	$(BIN)/python bench/load.py

clean:
	rm -rf cdk.out build .local .pytest_cache
