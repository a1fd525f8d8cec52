// CSRF for htmx requests: the token sits in meta tags because inline scripts are forbidden by CSP.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
// Confirmation for destructive buttons, declared with data-confirm instead of inline handlers.
document.addEventListener("submit", function (event) {
  var message = event.submitter && event.submitter.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
