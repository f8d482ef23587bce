"""Building the released dataset files from the Label Studio exports, splits, folds and exports for other tools."""
