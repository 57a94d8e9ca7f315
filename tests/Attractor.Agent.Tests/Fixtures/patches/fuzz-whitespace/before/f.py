if x:
	call()
