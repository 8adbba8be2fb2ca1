"""The Dask task runner (``dossier.distributed.dask_runner``) of the rebuild on a cluster:
results in input order, arguments read as the window of tasks in flight moves."""
import operator


def test_runner_keeps_order_and_reads_lazily():
    from dossier.distributed import dask_runner
    read = []

    def args():
        for i in range(7):
            read.append(i)
            yield (i, 10)

    with dask_runner(workers=1) as run:
        it = run(operator.add, args())
        assert next(it) == 10
        assert len(read) <= 3  # two tasks in flight per worker, one more once the first is in
        assert list(it) == [11, 12, 13, 14, 15, 16]
