// The date picker shows the new date as soon as one is chosen.
document.querySelectorAll('input[data-autosubmit]').forEach(function (input) {
  input.addEventListener('change', function () {
    if (input.value) { input.form.submit(); }
  });
});
