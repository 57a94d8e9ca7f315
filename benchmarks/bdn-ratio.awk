# The 20k/10k ratio of a BenchmarkDotNet GitHub-markdown report of GeneratedPipelineBenchmarks: per
# job, the mean time of the NodeCount=10000 and NodeCount=20000 rows and their quotient.
function trim(s) { gsub(/^[ \t*]+|[ \t*]+$/, "", s); return s }
/^\|/ {
  count = split($0, cells, "|")
  if (!header) {
    for (i = 2; i < count; i++) {
      name = trim(cells[i])
      if (name == "Job") job = i
      if (name == "NodeCount") nodes = i
      if (name == "Mean") mean = i
    }
    header = 1
    next
  }
  if (trim(cells[nodes]) !~ /^[0-9]+$/) next
  split(trim(cells[mean]), value, " ")
  ms = value[1]; gsub(/,/, "", ms)
  if (value[2] == "s") ms *= 1000
  if (value[2] == "us" || value[2] == "μs") ms /= 1000
  id = job ? trim(cells[job]) : "(the only one)"
  if (!(id in seen)) { seen[id] = 1; order[++jobs] = id }
  means[id, trim(cells[nodes])] = ms
}
END {
  for (k = 1; k <= jobs; k++) {
    id = order[k]
    printf "- job %s: 10k %.2f ms, 20k %.2f ms, 20k / 10k = %.2fx\n", id, means[id, "10000"], means[id, "20000"], means[id, "20000"] / means[id, "10000"]
  }
}
