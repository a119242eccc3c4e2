"""The same folder gives the same summary, byte for byte, with one job, two jobs and on a Dask cluster."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import consolidate

from consolidate_support import build_folder

distributed = pytest.importorskip("distributed", reason='the cluster door needs pip install ".[cluster]"')


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster") / "各支部"
    folder.mkdir()
    build_folder(folder)
    return folder


@pytest.fixture(scope="module")
def scheduler():
    """Yield the address of a LocalCluster of one worker process, listening on loopback only."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None, protocol="tcp") as cluster:
        yield cluster.scheduler_address


def test_one_job_two_jobs_and_a_cluster_write_the_same_summary(folder, scheduler, tmp_path):
    one = consolidate(folder, tmp_path / "一.xlsx", jobs=1)
    two = consolidate(folder, tmp_path / "二.xlsx", jobs=2)
    runner = CliRunner()
    result = runner.invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "集群.xlsx"),
                                  "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    assert one.output.read_bytes() == two.output.read_bytes() == (tmp_path / "集群.xlsx").read_bytes()
    assert one.line().split("；")[0] in result.output  # the same counts, whatever the time taken


def test_an_unreachable_scheduler_is_a_clear_error(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("shuzhi_xl.consolidate.cluster.CONNECT_TIMEOUT", 1)
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "x.xlsx"),
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "无法连接 Dask 调度器" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.xlsx").exists()
