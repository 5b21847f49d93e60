"""Texts of coklit check --dask (coklit.match.distributed)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "dask.not_installed": {
        "id": "Opsi --dask memerlukan paket Dask yang belum terpasang. Pasang dengan: "
              'pip install "coklit[dask]"',
        "en": "The --dask option needs the Dask packages, which are not installed. "
              'Install them with: pip install "coklit[dask]"',
    },
    "dask.no_scheduler": {
        "id": "Tidak dapat terhubung ke scheduler Dask di {address} ({problem}). Periksa "
              "alamatnya (mis. tcp://HOST:8786) dan bahwa `dask scheduler` berjalan.",
        "en": "Cannot connect to the Dask scheduler at {address} ({problem}). Check the "
              "address (e.g. tcp://HOST:8786) and that `dask scheduler` is running.",
    },
    "dask.no_workers": {
        "id": "Scheduler Dask di {address} tidak punya worker. Jalankan `dask worker "
              "{address}` di mesin yang memasang coklit.",
        "en": "The Dask scheduler at {address} has no workers. Start `dask worker "
              "{address}` on machines that have coklit installed.",
    },
    "dask.worker_version": {
        "id": "Worker Dask memakai coklit {theirs}, sedangkan mesin ini coklit {ours}. "
              "Pasang versi yang sama di semua worker.",
        "en": "Dask workers run coklit {theirs} while this machine runs coklit {ours}. "
              "Install the same version on every worker.",
    },
}
