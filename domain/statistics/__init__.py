"""Year-end statistics: the metrics of the annual enforcement report (行政执法工作报告) as pure folds."""
