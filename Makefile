# xiezhi — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test bench lint venv install install-test system-deps check-model clean help

help:
	@echo "make run    — 创建虚拟环境（如需）、安装并启动网页界面 http://$(HOST):$(PORT)"
	@echo "make test   — 安装测试依赖并运行全部测试"
	@echo "make bench  — 运行基准测试，结果写入 bench/results/"
	@echo "make lint   — ruff 代码检查"
	@echo "make check-model — 由标注数据重建催收检测的统计模型"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Stamp files make re-runs cheap: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e '.[test,bench]'
	@touch $@ $(VENV)/.installed

venv: $(VENV)/bin/python
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(VENV)/bin/xiezhi serve --host $(HOST) --port $(PORT)

# System packages the browser, PDF and PostgreSQL tests need (apt, only as root on Debian).
system-deps:
	@bash scripts/install-system-deps.sh

test: install-test system-deps
	$(PY) -m pytest

bench: install-test
	$(PY) bench/run_all.py

# Rebuild the Check classifier artifact from the labelled dev split (reproducible, byte-identical).
check-model: install-test
	$(PY) scripts/build_check_model.py

lint: install-test
	$(VENV)/bin/ruff check src tests bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
