// Filled in by the dev-cluster work (issue: Embedded dev cluster).
return 0;
