SELEC a, b, FROM t WHER (x = 'unterminated
